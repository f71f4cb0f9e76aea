package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The envelope itself: compact UTF-8, data before meta, meta keys in their documented order. */
class EnvelopeShapeTest {
  @Test
  void isCompactUtf8WithMetaInDocumentedOrder() {
    Normalizer n = Fixtures.normalizer("products", "{\"items\": \"/items\", \"total\": \"/total\", "
        + "\"pagination\": {\"style\": \"page\"}}", Instant.parse("2026-11-30T10:00:00.987654Z"));

    NormalizedBody out = n.normalize(Fixtures.utf8("{ \"items\" : [ { \"name\" : \"Tisch \\u00fc\" } ], \"total\" : 93 }"),
        "application/json", Fixtures.noHeaders(), new PageRequest(1, 20, null));

    assertThat(new String(out.json(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"data\":[{\"name\":\"Tisch ü\"}],\"meta\":{\"route\":\"products\",\"total\":93,\"page\":1,\"perPage\":20,"
            + "\"totalPages\":5,\"fetchedAt\":\"2026-11-30T10:00:00Z\"}}");
    assertThat(out.total()).isEqualTo(93L);
    assertThat(out.totalPages()).isEqualTo(5);
    assertThat(out.warnings()).isZero();
    assertThat(out.warningMessages()).isEmpty();
  }

  @Test
  void cursorRoutesAddNextCursorLast() {
    Normalizer n = Fixtures.normalizer("feed", "{\"items\": \"/data\", \"pagination\": {\"style\": \"cursor\", "
        + "\"nextCursor\": \"/paging/next\"}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"data\": [], \"paging\": {\"next\": \"QVFIUk\"}}"),
        "application/json", Fixtures.noHeaders(), new PageRequest(1, 10, null));

    assertThat(new String(out.json(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"data\":[],\"meta\":{\"route\":\"feed\",\"total\":null,\"page\":1,\"perPage\":10,\"totalPages\":null,"
            + "\"fetchedAt\":\"2025-03-15T09:30:00Z\",\"nextCursor\":\"QVFIUk\"}}");
  }

  @Test
  void oneNormalizerServesManyThreadsAtOnce() throws Exception {
    Normalizer n = Fixtures.normalizer("products", "{\"fields\": {\"p\": {\"from\": \"/p\", \"type\": \"number\"}}}");
    byte[] body = Fixtures.utf8("[{\"p\": \"1.10\"}, {\"p\": \"x\"}]");
    String expected = new String(n.normalize(body, "application/json", Fixtures.noHeaders(), null).json(), StandardCharsets.UTF_8);

    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<NormalizedBody>>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> n.normalize(body, "application/json", Fixtures.noHeaders(), null)));
      }
      for (var f : futures) {
        NormalizedBody r = f.get();
        assertThat(new String(r.json(), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(r.warnings()).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.wplive.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Entries and keys for cache tests, and a field-by-field comparison (CachedResponse has no equals). */
public final class TestEntries {
  private TestEntries() {
  }

  /** A cache key as the proxy builds them: {@code route|schemaVersion|path?query|vary}. */
  public static String key(String route, String path) {
    return route + "|-|" + path + "|";
  }

  /** A 200 JSON entry of {@code route}, fresh for {@code ttlMs} from {@code now}, no stale windows. */
  public static CachedResponse entry(long now, long ttlMs, String route, String... tags) {
    return builder(now, ttlMs, route, tags).build();
  }

  public static CachedResponse.Builder builder(long now, long ttlMs, String route, String... tags) {
    return CachedResponse.builder()
        .status(200)
        .headers(List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-WP-Total", "93")))
        .body(Buffer.buffer("{\"route\":\"" + route + "\",\"at\":" + now + "}"))
        .etag("\"wplp-v1-" + now + "\"") // the proxy's own ETag: no validator to keep the entry for
        .storedAt(now)
        .freshUntil(now + ttlMs)
        .routeName(route)
        .tags(List.of(tags))
        .schemaVersion("-");
  }

  /** A body of {@code size} bytes that does not repeat in short cycles. */
  public static Buffer bigBody(int size) {
    byte[] b = new byte[size];
    long x = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      b[i] = (byte) x;
    }
    return Buffer.buffer(b);
  }

  public static Buffer utf8(String s) {
    return Buffer.buffer(s.getBytes(StandardCharsets.UTF_8));
  }

  public static void assertSameEntry(CachedResponse actual, CachedResponse expected) {
    assertThat(actual).as("entry").isNotNull();
    assertThat(actual.status()).as("status").isEqualTo(expected.status());
    assertThat(actual.headers()).as("headers").containsExactlyElementsOf(expected.headers());
    assertThat(actual.body().getBytes()).as("body").isEqualTo(expected.body().getBytes());
    if (expected.gzipBody() == null) {
      assertThat(actual.gzipBody()).as("gzipBody").isNull();
    } else {
      assertThat(actual.gzipBody().getBytes()).as("gzipBody").isEqualTo(expected.gzipBody().getBytes());
    }
    assertThat(actual.etag()).as("etag").isEqualTo(expected.etag());
    assertThat(actual.lastModified()).as("lastModified").isEqualTo(expected.lastModified());
    assertThat(actual.storedAt()).as("storedAt").isEqualTo(expected.storedAt());
    assertThat(actual.freshUntil()).as("freshUntil").isEqualTo(expected.freshUntil());
    assertThat(actual.swrUntil()).as("swrUntil").isEqualTo(expected.swrUntil());
    assertThat(actual.sieUntil()).as("sieUntil").isEqualTo(expected.sieUntil());
    assertThat(actual.mustRevalidate()).as("mustRevalidate").isEqualTo(expected.mustRevalidate());
    assertThat(actual.routeName()).as("routeName").isEqualTo(expected.routeName());
    assertThat(actual.tags()).as("tags").containsExactlyElementsOf(expected.tags());
    assertThat(actual.schemaVersion()).as("schemaVersion").isEqualTo(expected.schemaVersion());
    assertThat(actual.varyHeaders()).as("varyHeaders").containsExactlyElementsOf(expected.varyHeaders());
    assertThat(actual.initialAge()).as("initialAge").isEqualTo(expected.initialAge());
  }
}

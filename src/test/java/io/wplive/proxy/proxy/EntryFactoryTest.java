package io.wplive.proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.config.TestConfigs;
import io.wplive.proxy.http.StoragePolicy;
import io.wplive.proxy.routing.Route;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an upstream answer becomes in the cache: replayable headers, an ETag, a gzip copy (SPEC §4). */
class EntryFactoryTest {
  static final long NOW = 1_700_000_000_000L;
  static final Route ROUTE = TestConfigs.parse(TestConfigs.oneRoute("cache: { ttl: 60s, tags: [inventory] }"))
      .routeTable().byName("r");
  static final StoragePolicy.Decision STORE = new StoragePolicy.Decision(true, null, NOW + 60_000, NOW + 90_000, NOW + 120_000,
      false, 0);
  static final StoragePolicy.Decision DONT = new StoragePolicy.Decision(false, "NO-STORE", 0, 0, 0, false, 0);

  static MultiMap upstreamHeaders() {
    return MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/json")
        .add("X-WP-Total", "93")
        .add("Link", "<https://x/?page=2>; rel=next")
        .add("Set-Cookie", "session=secret")
        .add("set-cookie", "other=secret")
        .add("Cache-Control", "max-age=60")
        .add("Connection", "close, X-Hop-Only")
        .add("X-Hop-Only", "1")
        .add("Keep-Alive", "timeout=5")
        .add("Transfer-Encoding", "chunked")
        .add("Proxy-Authenticate", "Basic")
        .add("Upgrade", "h2c")
        .add("TE", "trailers")
        .add("Trailer", "X-Checksum")
        .add("Content-Length", "123")
        .add("Content-Encoding", "gzip")
        .add("Date", "Tue, 14 Nov 2023 22:13:20 GMT")
        .add("Age", "5")
        .add("Expires", "Tue, 14 Nov 2023 22:14:20 GMT")
        .add("Pragma", "no-cache")
        .add("Vary", "Accept-Encoding")
        .add("Via", "1.1 upstream")
        .add("Server", "nginx/1.2.3")
        .add("X-Powered-By", "PHP/5.6")
        .add("X-Request-Id", "upstream-id")
        .add("Strict-Transport-Security", "max-age=1")
        .add("Alt-Svc", "h3=\":443\"")
        .add("X-Cache", "HIT")
        .add("Cache-Status", "other; hit")
        .add("ETag", "\"up-1\"")
        .add("Last-Modified", "Mon, 13 Nov 2023 10:00:00 GMT");
  }

  @Test
  void keptHeadersAreTheEndToEndOnesWorthReplaying() {
    List<Map.Entry<String, String>> kept = EntryFactory.keptHeaders(upstreamHeaders());
    assertThat(kept).extracting(Map.Entry::getKey).containsExactly("Content-Type", "X-WP-Total", "Link");
    assertThat(kept).extracting(Map.Entry::getValue).containsExactly("application/json", "93", "<https://x/?page=2>; rel=next");
  }

  @ParameterizedTest(name = "{0} is dropped")
  @ValueSource(strings = {"Set-Cookie", "SET-COOKIE", "Cache-Control", "cache-control", "Connection", "Keep-Alive",
      "Transfer-Encoding", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "Upgrade", "TE", "Trailer",
      "Content-Length", "Content-Encoding", "Age", "Date", "Expires", "Pragma", "Vary", "Via", "Server", "X-Powered-By",
      "X-Request-Id", "Retry-After"})
  void droppedHeaders(String name) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add(name, "v").add("Content-Type", "text/plain");
    assertThat(EntryFactory.keptHeaders(h)).extracting(Map.Entry::getKey).containsExactly("Content-Type");
  }

  @Test
  void headersNamedByConnectionAreDropped() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Connection", "X-A , x-b").add("X-A", "1").add("X-B", "2")
        .add("X-C", "3");
    assertThat(EntryFactory.keptHeaders(h)).extracting(Map.Entry::getKey).containsExactly("X-C");
  }

  @Test
  void buildKeepsUpstreamValidatorsAndTimes() {
    CachedResponse e = EntryFactory.build(ROUTE, 200, upstreamHeaders(), json(10), STORE, NOW, List.of());
    assertThat(e.status()).isEqualTo(200);
    assertThat(e.etag()).isEqualTo("\"up-1\"");
    assertThat(e.lastModified()).isEqualTo("Mon, 13 Nov 2023 10:00:00 GMT");
    assertThat(e.freshUntil()).isEqualTo(NOW + 60_000);
    assertThat(e.swrUntil()).isEqualTo(NOW + 90_000);
    assertThat(e.sieUntil()).isEqualTo(NOW + 120_000);
    assertThat(e.storedAt()).isEqualTo(NOW);
    assertThat(e.routeName()).isEqualTo("r");
    assertThat(e.tags()).containsExactly("inventory");
    assertThat(e.schemaVersion()).isEqualTo("-");
    assertThat(e.headers()).extracting(Map.Entry::getKey).doesNotContain("Set-Cookie", "set-cookie", "Cache-Control");
  }

  @Test
  void notStoredEntriesAreStaleAtOnce() {
    CachedResponse e = EntryFactory.build(ROUTE, 200, upstreamHeaders(), json(2000), DONT, NOW, List.of());
    assertThat(e.freshUntil()).isEqualTo(NOW);
    assertThat(e.isFresh(NOW)).isFalse();
    assertThat(e.gzipBody()).as("no gzip copy for an answer that is not stored").isNull();
  }

  @Test
  void strongEtagWhenTheUpstreamSentNone() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    CachedResponse a = EntryFactory.build(ROUTE, 200, h, Buffer.buffer("{\"a\":1}"), STORE, NOW, List.of());
    CachedResponse b = EntryFactory.build(ROUTE, 200, h, Buffer.buffer("{\"a\":1}"), STORE, NOW + 5000, List.of());
    CachedResponse c = EntryFactory.build(ROUTE, 200, h, Buffer.buffer("{\"a\":2}"), STORE, NOW, List.of());
    assertThat(a.etag()).matches("\"wplp-[0-9a-f]{24}\"").isEqualTo(b.etag()).isNotEqualTo(c.etag());
    assertThat(a.etag()).doesNotStartWith("W/");
    assertThat(a.revalidatable()).as("a generated ETag is not sent upstream").isFalse();
  }

  @ParameterizedTest(name = "same bytes, same ETag: {0}")
  @ValueSource(strings = {"", "x", "{\"data\":[]}", "café ☕"})
  void strongEtagIsStableAndDistinct(String body) {
    Buffer b = Buffer.buffer(body, "UTF-8");
    assertThat(EntryFactory.strongEtag(b)).isEqualTo(EntryFactory.strongEtag(Buffer.buffer(body, "UTF-8")));
    assertThat(EntryFactory.strongEtag(b)).isNotEqualTo(EntryFactory.strongEtag(Buffer.buffer(body + " ", "UTF-8")));
  }

  @Test
  void noGeneratedEtagForNon200() {
    CachedResponse e = EntryFactory.build(ROUTE, 404, MultiMap.caseInsensitiveMultiMap(), json(10), STORE, NOW, List.of());
    assertThat(e.etag()).isNull();
  }

  @ParameterizedTest(name = "{0} bytes of {1}: gzip copy {2}")
  @CsvSource(nullValues = "<null>", value = {
      "1023, application/json, false",
      "1024, application/json, true",
      "5000, application/json, true",
      "5000, application/json; charset=utf-8, true",
      "5000, application/problem+json, true",
      "5000, text/html; charset=UTF-8, true",
      "5000, text/csv, true",
      "5000, text/calendar, true",
      "5000, application/xml, true",
      "5000, application/javascript, true",
      "5000, <null>, true",
      "5000, image/png, false",
      "5000, application/octet-stream, false",
      "5000, application/zip, false",
      "5000, video/mp4, false",
      "0, application/json, false",
  })
  void gzipCopyOnlyForLargeCompressibleBodies(int size, String contentType, boolean gzipped) throws IOException {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null) {
      h.add("Content-Type", contentType);
    }
    Buffer body = json(size);
    CachedResponse e = EntryFactory.build(ROUTE, 200, h, body, STORE, NOW, List.of());
    assertThat(e.body()).isEqualTo(body);
    if (gzipped) {
      assertThat(e.gzipBody()).isNotNull();
      assertThat(gunzip(e.gzipBody())).isEqualTo(body.getBytes());
      assertThat(e.gzipBody().length()).isLessThan(body.length());
      assertThat(e.bodySize()).isEqualTo(body.length() + e.gzipBody().length());
    } else {
      assertThat(e.gzipBody()).isNull();
    }
  }

  @Test
  void gzipRoundTripsArbitraryBytes() throws IOException {
    byte[] bytes = new byte[4096];
    new java.util.Random(42).nextBytes(bytes);
    assertThat(gunzip(EntryFactory.gzip(Buffer.buffer(bytes)))).isEqualTo(bytes);
  }

  /** A JSON-ish body of exactly {@code size} bytes, compressible. */
  static Buffer json(int size) {
    StringBuilder sb = new StringBuilder(size);
    while (sb.length() < size) {
      sb.append("{\"id\":\"A-100\",\"name\":\"Oak table\"},");
    }
    return Buffer.buffer(sb.substring(0, size), "UTF-8");
  }

  static byte[] gunzip(Buffer gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.getBytes()))) {
      return in.readAllBytes();
    }
  }
}

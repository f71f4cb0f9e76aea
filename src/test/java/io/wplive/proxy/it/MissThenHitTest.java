package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2: a cold GET is fetched and stored, the next one is a hit; validators and HEAD. */
class MissThenHitTest extends ProxyTestBase {
  private static final String BODY = "{\"items\":[{\"sku\":\"A-1\"},{\"sku\":\"A-2\"}]}";

  @BeforeEach
  void start() {
    upstream.reply("/base/items", Reply.ok(BODY));
    startProxy(config("""
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: public
          path: /api/public
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s, clientCacheControl: "public, max-age=5"}
        """));
  }

  @Test
  void firstGetIsAMissSecondIsAHit() {
    HttpResult miss = http.get("/api/items");
    assertThat(miss.status()).isEqualTo(200);
    assertThat(miss.text()).isEqualTo(BODY);
    assertThat(miss.header("Content-Type")).startsWith("application/json");
    assertThat(miss.xCache()).isEqualTo("MISS");
    assertThat(miss.cacheStatus()).startsWith("wp-live-proxy;")
        .contains("fwd=uri-miss; fwd-status=200; stored");
    assertThat(miss.header("Age")).isEqualTo("0");
    assertThat(miss.header("ETag")).isNotBlank();
    assertThat(miss.header("Via")).isEqualTo("1.1 wp-live-proxy");
    assertThat(miss.header("X-Request-Id")).isNotBlank();

    HttpResult hit = http.get("/api/items");
    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.text()).isEqualTo(BODY);
    assertThat(hit.xCache()).isEqualTo("HIT");
    assertThat(hit.cacheStatus()).startsWith("wp-live-proxy; hit; ttl=");
    assertThat(hit.header("Age")).isNotNull().matches("\\d+");
    assertThat(hit.header("ETag")).isEqualTo(miss.header("ETag"));
    assertThat(upstream.count("/base/items")).isEqualTo(1);
  }

  @Test
  void hitTtlCountsDownFromTheRouteTtl() {
    http.get("/api/items");
    clock.advance(10_500);
    HttpResult hit = http.get("/api/items");
    assertThat(hit.cacheStatus()).isIn("wp-live-proxy; hit; ttl=49", "wp-live-proxy; hit; ttl=48");
    assertThat(hit.header("Age")).isEqualTo("10");
  }

  @Test
  void ifNoneMatchWithTheEtagGets304() {
    String etag = http.get("/api/items").header("ETag");
    HttpResult notModified = http.get("/api/items", "If-None-Match", etag);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body().length()).isZero();
    assertThat(notModified.header("ETag")).isEqualTo(etag);

    HttpResult otherTag = http.get("/api/items", "If-None-Match", "\"something-else\"");
    assertThat(otherTag.status()).isEqualTo(200);
    assertThat(otherTag.text()).isEqualTo(BODY);
    assertThat(upstream.count("/base/items")).isEqualTo(1);
  }

  @Test
  void clientRequestIdIsEchoed() {
    HttpResult r = http.get("/api/items", "X-Request-Id", "req-abc-123");
    assertThat(r.header("X-Request-Id")).isEqualTo("req-abc-123");
    assertThat(upstream.last().header("X-Request-Id")).isEqualTo("req-abc-123");
  }

  @Test
  void headHitHasTheSameHeadersAsAGetHit() {
    http.get("/api/items");
    HttpResult get = http.get("/api/items");
    HttpResult head = http.head("/api/items");
    assertThat(get.xCache()).isEqualTo("HIT");
    java.util.Set<String> perAnswer = java.util.Set.of("x-request-id", "age", "cache-status", "cache-control");
    for (String name : get.headers().names()) {
      if (!perAnswer.contains(name.toLowerCase())) {
        assertThat(head.headers(name)).as("header %s", name).isEqualTo(get.headers(name));
      }
    }
    assertThat(head.headers().names().stream().map(String::toLowerCase).toList())
        .containsExactlyInAnyOrderElementsOf(get.headers().names().stream().map(String::toLowerCase).toList());
    assertThat(head.cacheStatus()).startsWith("wp-live-proxy; hit; ttl=");
  }

  @Test
  void headIsAnsweredFromTheGetEntry() {
    HttpResult get = http.get("/api/items");
    HttpResult head = http.head("/api/items");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body().length()).isZero();
    assertThat(head.xCache()).isEqualTo("HIT");
    assertThat(head.header("Content-Type")).isEqualTo(get.header("Content-Type"));
    assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(BODY.length()));
    assertThat(upstream.count("/base/items")).isEqualTo(1);
  }

  @Test
  void headMissFetchesWithGetAndStoresForGets() {
    HttpResult head = http.head("/api/items");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body().length()).isZero();
    assertThat(head.xCache()).isEqualTo("MISS");
    assertThat(upstream.total()).isEqualTo(1);
    assertThat(upstream.last().method()).isEqualTo("GET");

    HttpResult get = http.get("/api/items");
    assertThat(get.xCache()).isEqualTo("HIT");
    assertThat(get.text()).isEqualTo(BODY);
    assertThat(upstream.total()).isEqualTo(1);
  }

  @Test
  void browsersGetTheRemainingFreshnessByDefault() {
    // whole seconds left, rounded down: 60 or 59 depending on the milliseconds spent
    assertThat(http.get("/api/items").header("Cache-Control")).isIn("max-age=60", "max-age=59");
    clock.advance(20_500);
    assertThat(http.get("/api/items").header("Cache-Control")).isIn("max-age=39", "max-age=38");
  }

  @Test
  void clientCacheControlIsWhatBrowsersGet() {
    assertThat(http.get("/api/public").header("Cache-Control")).isEqualTo("public, max-age=5");
    assertThat(http.get("/api/public").header("Cache-Control")).isEqualTo("public, max-age=5");
  }
}

package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 / SPEC §3 clients.apiKeys, §4 401/429 and "No open proxy": client API keys and per-key quotas.
 * The quota is 3 per 30 s rather than per 1 s so that a loaded CI machine cannot refill the bucket
 * between the requests; the window is passed by moving the proxy's clock.
 */
class ClientKeysTest extends ProxyTestBase {
  static final String SHOP_KEY = "shop-key-0123456789abcdef";
  static final String LIMITED_KEY = "limited-key-0123456789abcdef";

  @BeforeEach
  void start() {
    env.put("SHOP_KEY", SHOP_KEY);
    env.put("LIMITED_KEY", LIMITED_KEY);
    upstream.reply(Reply.ok("{\"items\":[1,2,3]}"));
    startProxy("""
        server: {host: 127.0.0.1, port: 0}
        logging: {access: false}
        clients:
          apiKeys:
            - name: shop
              key: ${SHOP_KEY}
            - name: limited
              key: ${LIMITED_KEY}
              rateLimit: {requests: 3, per: 30s}
          cors:
            allowOrigins: ["https://shop.example.com"]
        upstreams:
          api:
            baseUrl: ${UPSTREAM}/base
            timeout: 2s
        routes:
          - name: items
            path: /api/items
            upstream: api
            upstreamPath: /items
            cache: {ttl: 60s}
          - name: forwarding
            path: /api/forwarding
            upstream: api
            upstreamPath: /forwarding
            forwardHeaders: [X-Api-Key, Authorization, Cookie]
            cache: {ttl: 60s}
          - name: write
            path: /api/write
            upstream: api
            upstreamPath: /write
            methods: [POST]
            forwardHeaders: [X-Api-Key, Authorization]
        """);
  }

  private static void assertUnauthorized(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonObject err = r.error();
    assertThat(err.getInteger("status")).isEqualTo(401);
    assertThat(err.getString("code")).isEqualTo("unauthorized");
    assertThat(err.getString("route")).isEqualTo("items");
    assertThat(err.getString("requestId")).isNotBlank();
    assertThat(r.text()).doesNotContain(SHOP_KEY).doesNotContain(LIMITED_KEY);
  }

  @Test
  void missingKeyIs401JsonAndNeverReachesTheUpstream() {
    assertUnauthorized(http.get("/api/items"));
    assertThat(upstream.total()).isZero();
  }

  @Test
  void unknownKeyIs401InEitherHeader() {
    assertUnauthorized(http.get("/api/items", "X-Api-Key", "not-a-configured-key-000000"));
    assertUnauthorized(http.get("/api/items", "Authorization", "Bearer not-a-configured-key-000000"));
    // a key's prefix, suffix or different case is not the key
    assertUnauthorized(http.get("/api/items", "X-Api-Key", SHOP_KEY.substring(0, SHOP_KEY.length() - 1)));
    assertUnauthorized(http.get("/api/items", "X-Api-Key", SHOP_KEY + "x"));
    assertUnauthorized(http.get("/api/items", "X-Api-Key", SHOP_KEY.toUpperCase()));
    // Basic is not a way to present a key
    assertUnauthorized(http.get("/api/items", "Authorization", "Basic " + SHOP_KEY));
    assertUnauthorized(http.get("/api/items", "X-Api-Key", ""));
    assertThat(upstream.total()).isZero();
  }

  @Test
  void xApiKeyAndBearerBothWork() {
    HttpResult a = http.get("/api/items", "X-Api-Key", SHOP_KEY);
    assertThat(a.status()).as("answer %s", a).isEqualTo(200);
    assertThat(a.text()).isEqualTo("{\"items\":[1,2,3]}");
    HttpResult b = http.get("/api/items", "Authorization", "Bearer " + SHOP_KEY);
    assertThat(b.status()).as("answer %s", b).isEqualTo(200);
    HttpResult c = http.get("/api/items", "Authorization", "bearer " + LIMITED_KEY);
    assertThat(c.status()).as("scheme is case-insensitive: %s", c).isEqualTo(200);
  }

  @Test
  void perKeyRateLimitGives429WithRetryAfterAndRateLimitHeaders() {
    HttpResult last = null;
    for (int i = 1; i <= 3; i++) {
      last = http.get("/api/items", "X-Api-Key", LIMITED_KEY);
      assertThat(last.status()).as("request %d: %s", i, last).isEqualTo(200);
      assertThat(last.header("RateLimit-Limit")).isEqualTo("3");
      assertThat(Long.parseLong(last.header("RateLimit-Remaining"))).isBetween(0L, 2L);
      assertThat(Long.parseLong(last.header("RateLimit-Reset"))).isPositive();
    }
    HttpResult r = http.get("/api/items", "X-Api-Key", LIMITED_KEY);
    assertThat(r.status()).as("4th request %s", r).isEqualTo(429);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("rate_limited");
    assertThat(r.error().getInteger("status")).isEqualTo(429);
    assertThat(Long.parseLong(r.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    assertThat(r.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(r.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isGreaterThanOrEqualTo(1);
    // another key has its own quota
    assertThat(http.get("/api/items", "X-Api-Key", SHOP_KEY).status()).isEqualTo(200);
    // and the limited key gets through again once the window has passed (the proxy's clock moves on)
    clock.advanceSeconds(31);
    assertThat(http.get("/api/items", "X-Api-Key", LIMITED_KEY).status()).isEqualTo(200);
  }

  @Test
  void cacheHitsCountAgainstTheQuotaToo() {
    assertThat(http.get("/api/items", "X-Api-Key", SHOP_KEY).xCache()).isEqualTo("MISS");
    for (int i = 1; i <= 3; i++) {
      HttpResult r = http.get("/api/items", "X-Api-Key", LIMITED_KEY);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.xCache()).as("request %d", i).isEqualTo("HIT");
    }
    HttpResult r = http.get("/api/items", "Authorization", "Bearer " + LIMITED_KEY);
    assertThat(r.status()).as("a hit over quota (same key, other header) %s", r).isEqualTo(429);
    assertThat(upstream.total()).isEqualTo(1);
  }

  @Test
  void theAuthenticatingHeaderNeverReachesTheUpstreamEvenWhenListed() {
    HttpResult a = http.get("/api/forwarding", "X-Api-Key", SHOP_KEY, "Cookie", "session=abc");
    assertThat(a.status()).isEqualTo(200);
    Recorded got = upstream.last();
    assertThat(got.header("X-Api-Key")).as("the key that authenticated the client").isNull();
    assertThat(got.header("Cookie")).as("a listed credential that did not authenticate").isEqualTo("session=abc");
    assertThat(got.headers().toString()).doesNotContain(SHOP_KEY);

    HttpResult b = http.get("/api/forwarding", "Authorization", "Bearer " + SHOP_KEY);
    assertThat(b.status()).isEqualTo(200);
    got = upstream.last();
    assertThat(got.header("Authorization")).isNull();
    assertThat(got.headers().toString()).doesNotContain(SHOP_KEY);

    HttpResult c = http.post("/api/write", "{}", "Authorization", "Bearer " + SHOP_KEY, "Content-Type", "application/json");
    assertThat(c.status()).isEqualTo(200);
    got = upstream.last();
    assertThat(got.path()).isEqualTo("/base/write");
    assertThat(got.header("Authorization")).isNull();
    assertThat(got.headers().toString()).doesNotContain(SHOP_KEY);
  }

  @Test
  void theKeyNeverReachesTheUpstreamOnAnUnlistedRoute() {
    http.get("/api/items", "X-Api-Key", SHOP_KEY);
    Recorded got = upstream.last();
    assertThat(got.header("X-Api-Key")).isNull();
    assertThat(got.header("Authorization")).isNull();
    assertThat(got.headers().toString()).doesNotContain(SHOP_KEY);
  }

  @Test
  void healthAndCorsPreflightsNeedNoKey() {
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    HttpResult pre = http.request(io.vertx.core.http.HttpMethod.OPTIONS, "/api/items",
        io.wplive.proxy.support.TestHttp.headers("Origin", "https://shop.example.com",
            "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Api-Key"), null);
    assertThat(pre.status()).as("preflight %s", pre).isEqualTo(204);
    assertThat(pre.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
    assertThat(pre.header("Access-Control-Allow-Headers")).containsIgnoringCase("X-Api-Key");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void aRefusedKeyDoesNotCountAgainstAnotherKeysQuota() {
    for (int i = 0; i < 5; i++) {
      assertUnauthorized(http.get("/api/items", "X-Api-Key", "wrong-key-0123456789abcdef"));
    }
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("/api/items", "X-Api-Key", LIMITED_KEY).status()).isEqualTo(200);
    }
  }
}

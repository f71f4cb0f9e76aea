package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #8 / SPEC §3 clients.cors: preflights, simple requests, and no credentials ever. */
class CorsTest extends ProxyTestBase {
  static final String SHOP = "https://shop.example.com";

  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    startProxy(config("""
        clients:
          cors:
            allowOrigins: ["https://shop.example.com"]
        """, "", """
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: orders
          path: /api/orders
          upstream: api
          upstreamPath: /orders
          methods: [GET, POST]
        """));
  }

  private HttpResult preflight(String path, String origin, String method) {
    return http.request(HttpMethod.OPTIONS, path, TestHttp.headers("Origin", origin,
        "Access-Control-Request-Method", method, "Access-Control-Request-Headers", "x-api-key, content-type"), null);
  }

  private static List<String> varyTokens(HttpResult r) {
    return r.headers("Vary").stream().flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
  }

  @Test
  void preflightFromAnAllowedOriginIs204WithTheCorsHeaders() {
    HttpResult r = preflight("/api/orders", SHOP, "POST");
    assertThat(r.status()).as("answer %s", r).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(r.header("Access-Control-Allow-Methods")).contains("GET").contains("POST");
    assertThat(r.header("Access-Control-Allow-Headers")).isNotBlank();
    assertThat(r.header("Access-Control-Allow-Headers").toLowerCase(Locale.ROOT)).contains("x-api-key").contains("content-type");
    assertThat(varyTokens(r)).contains("origin");
    assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
    assertThat(r.body().length()).isZero();
    assertThat(upstream.total()).as("a preflight is answered by the proxy").isZero();
  }

  @Test
  void preflightIsAnsweredBeforeTheMethodCheck() {
    // OPTIONS is not listed on the route, DELETE neither: still a 204 preflight (the browser decides)
    HttpResult r = preflight("/api/items", SHOP, "DELETE");
    assertThat(r.status()).as("answer %s", r).isEqualTo(204);
    assertThat(r.header("Access-Control-Allow-Methods")).doesNotContain("DELETE");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void aDisallowedOriginGetsNoAllowOrigin() {
    for (String origin : List.of("https://evil.example.com", "https://shop.example.com.evil.com", "http://shop.example.com",
        "https://SHOP.example.com", "null", "https://shop.example.com/")) {
      HttpResult r = preflight("/api/items", origin, "GET");
      assertThat(r.status()).as("%s: %s", origin, r).isLessThan(300);
      assertThat(r.header("Access-Control-Allow-Origin")).as(origin).isNull();
      assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
      HttpResult g = http.get("/api/items", "Origin", origin);
      assertThat(g.status()).isEqualTo(200);
      assertThat(g.header("Access-Control-Allow-Origin")).as("simple GET from %s", origin).isNull();
      assertThat(g.header("Access-Control-Allow-Credentials")).isNull();
      assertThat(varyTokens(g)).contains("origin");
    }
  }

  @Test
  void simpleGetFromAnAllowedOriginGetsAllowOriginVaryAndExpose() {
    HttpResult miss = http.get("/api/items", "Origin", SHOP);
    HttpResult hit = http.get("/api/items", "Origin", SHOP);
    for (HttpResult r : List.of(miss, hit)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Access-Control-Allow-Origin")).as("%s", r).isEqualTo(SHOP);
      assertThat(r.headers("Access-Control-Allow-Origin")).as("exactly one, not the upstream's *").hasSize(1);
      assertThat(varyTokens(r)).contains("origin");
      assertThat(r.header("Access-Control-Expose-Headers")).isNotBlank();
      assertThat(r.header("Access-Control-Expose-Headers").toLowerCase(Locale.ROOT)).contains("x-cache");
      assertThat(r.header("Access-Control-Allow-Credentials")).as("credentials are never allowed").isNull();
    }
    assertThat(hit.xCache()).isEqualTo("HIT");
  }

  @Test
  void aCachedAnswerForOneOriginIsNotServedWithItsAllowOriginToAnother() {
    assertThat(http.get("/api/items", "Origin", SHOP).header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    HttpResult other = http.get("/api/items", "Origin", "https://evil.example.com");
    assertThat(other.xCache()).isEqualTo("HIT");
    assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    HttpResult none = http.get("/api/items");
    assertThat(none.header("Access-Control-Allow-Origin")).isNull();
    assertThat(none.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void errorAnswersCarryTheCorsHeadersToo() {
    // a browser must be able to read a 404 / 405 from the allowed origin
    HttpResult r = http.request(HttpMethod.DELETE, "/api/items", TestHttp.headers("Origin", SHOP), null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void theUpstreamsOwnCorsHeadersNeverReachTheClient() {
    // an origin that allows everything with credentials must not widen the proxy's CORS policy
    upstream.reply(Reply.ok("{\"ok\":true}").header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Credentials", "true").header("Access-Control-Allow-Methods", "DELETE"));
    HttpResult evil = http.get("/api/items", "Origin", "https://evil.example.com");
    HttpResult shop = http.get("/api/items", "Origin", SHOP);
    HttpResult passThrough = http.post("/api/orders", "{}", "Origin", "https://evil.example.com");
    for (HttpResult r : List.of(evil, shop, passThrough)) {
      assertThat(r.header("Access-Control-Allow-Credentials")).as("no Allow-Credentials ever: %s", r).isNull();
    }
    assertThat(evil.header("Access-Control-Allow-Origin")).as("disallowed origin: %s", evil).isNull();
    assertThat(passThrough.header("Access-Control-Allow-Origin")).as("disallowed origin, pass-through: %s", passThrough).isNull();
    assertThat(shop.headers("Access-Control-Allow-Origin")).as("%s", shop).containsExactly(SHOP);
  }

  @Test
  void varyOriginSurvivesOnAnswersWithAGzipCopy() {
    // bodies of 1 KB or more get a stored gzip copy and Vary: Accept-Encoding; Vary: Origin must stay
    upstream.reply(Reply.ok("{\"data\":\"" + "x".repeat(4096) + "\"}"));
    HttpResult miss = http.get("/api/items", "Origin", SHOP, "Accept-Encoding", "gzip");
    HttpResult hit = http.get("/api/items", "Origin", SHOP);
    for (HttpResult r : List.of(miss, hit)) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(varyTokens(r)).as("Vary of %s", r).contains("origin", "accept-encoding");
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    }
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue #2: every error is the one JSON shape; upstream failures map to 502/504; some 4xx are relayed. */
class ErrorResponsesTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    startProxy(config("""
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: item
          path: /api/items/:id
          upstream: api
          upstreamPath: /items/:id
          cache: {ttl: 60s}
        - name: dead
          path: /api/dead
          upstream: dead
          upstreamPath: /anything
          cache: {ttl: 60s}
        - name: relay
          path: /api/relay
          upstream: api
          upstreamPath: /relay
          errors: relay
          cache: {ttl: 60s}
        - name: warm
          path: /api/warm
          upstream: quick
          upstreamPath: /warm
        - name: quick
          path: /api/quick
          upstream: quick
          upstreamPath: /quick
          cache: {ttl: 60s}
        """).replace("upstreams:\n", """
        upstreams:
          dead:
            baseUrl: ${DEAD}
            timeout: 2s
            connectTimeout: 500ms
          quick:
            baseUrl: ${UPSTREAM}
            timeout: 500ms
        """));
  }

  /** The SPEC §4 shape, with the header and body agreeing. */
  private static JsonObject assertErrorShape(HttpResult r, int status, String code, String route) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonObject body = r.json();
    assertThat(body.fieldNames()).containsExactly("error");
    JsonObject err = body.getJsonObject("error");
    assertThat(err.fieldNames()).containsExactlyInAnyOrder("status", "code", "message", "route", "requestId");
    assertThat(err.getInteger("status")).isEqualTo(status);
    assertThat(err.getString("code")).isEqualTo(code);
    assertThat(err.getString("message")).isNotBlank();
    assertThat(err.getValue("route")).isEqualTo(route);
    assertThat(err.getString("requestId")).isNotBlank();
    if (r.header("X-Request-Id") != null) {
      assertThat(err.getString("requestId")).isEqualTo(r.header("X-Request-Id"));
    }
    return err;
  }

  @Test
  void unknownPathIs404RouteNotFoundWithNullRoute() {
    HttpResult r = http.get("/api/nothing-here");
    JsonObject err = assertErrorShape(r, 404, "route_not_found", null);
    assertThat(err.containsKey("route")).isTrue();
    assertThat(upstream.total()).isZero();
  }

  @Test
  void routingIsCaseSensitiveAndTrailingSlashSignificant() {
    assertErrorShape(http.get("/API/items"), 404, "route_not_found", null);
    assertErrorShape(http.get("/api/items/"), 404, "route_not_found", null);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void unlistedMethodIs405WithAllow() {
    HttpResult r = http.post("/api/items", "{}", "Content-Type", "application/json");
    assertErrorShape(r, 405, "method_not_allowed", "items");
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void deleteIs405Too() {
    HttpResult r = http.request(io.vertx.core.http.HttpMethod.DELETE, "/api/items/1", null, null);
    assertErrorShape(r, 405, "method_not_allowed", "item");
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/items/..",
      "/api/items/%2e%2e",
      "/api/items/%2E%2E",
      "/api/items/.%2e",
      "/api/items/a%2fb",
      "/api/items/a%2Fb",
      "/api/items/a%5cb",
      "/api/items/a\\b",
      "/api/items/%252e%252e",
      "/api/items/a%252fb",
      "/api/items/../items",
      "/api/items/%2e%2e%2fadmin",
  })
  void traversalInPathParamsIs400AndNeverReachesTheUpstream(String path) {
    HttpResult r = RawHttp.send(proxy.port(), "GET " + path + " HTTP/1.1");
    assertThat(r.status()).as("answer to %s: %s", path, r).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
    assertThat(upstream.total()).as("upstream requests for %s", path).isZero();
  }

  @Test
  void aNormalParamStillWorks() {
    upstream.reply("/base/items/A-100", Reply.ok("{\"sku\":\"A-100\"}"));
    HttpResult r = http.get("/api/items/A-100");
    assertThat(r.status()).isEqualTo(200);
    assertThat(upstream.last().path()).isEqualTo("/base/items/A-100");
  }

  @Test
  void refusedConnectionIs502UpstreamError() {
    HttpResult r = http.get("/api/dead");
    JsonObject err = assertErrorShape(r, 502, "upstream_error", "dead");
    assertThat(err.getString("message")).doesNotContain("127.0.0.1");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.xCache()).isEqualTo("MISS");
    assertThat(r.cacheStatus()).startsWith("wp-live-proxy").contains("fwd=uri-miss");
  }

  @Test
  void upstream500HtmlIs502WithoutTheHtml() {
    upstream.reply("/base/items", Reply.status(500, "<html><body><h1>Internal Server Error</h1>stack trace at com.vendor.Foo</body></html>")
        .header("Content-Type", "text/html"));
    HttpResult r = http.get("/api/items");
    assertErrorShape(r, 502, "upstream_error", "items");
    assertThat(r.text()).doesNotContain("<html").doesNotContain("com.vendor");
  }

  @Test
  void upstream503WithoutRetryAfterIs502() {
    upstream.reply("/base/items", Reply.status(503, "<html>maintenance</html>").header("Content-Type", "text/html"));
    HttpResult r = http.get("/api/items");
    assertErrorShape(r, 502, "upstream_error", "items");
    assertThat(r.text()).doesNotContain("maintenance");
  }

  /** A first upstream exchange and error answer, so timings below do not include JVM warm-up. */
  private void warmUp() {
    upstream.reply("/warm", Reply.ok("{}"));
    assertThat(http.get("/api/warm").status()).isEqualTo(200);
    assertThat(http.get("/api/nothing").status()).isEqualTo(404);
  }

  @Test
  void slowUpstreamIs504UpstreamTimeout() {
    warmUp();
    upstream.reply("/quick", Reply.ok("{}").delay(3000));
    long start = System.nanoTime();
    HttpResult r = http.get("/api/quick");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertErrorShape(r, 504, "upstream_timeout", "quick");
    assertThat(ms).as("answered at the 500 ms deadline, not when the upstream finished").isLessThan(2000);
  }

  @Test
  void tricklingUpstreamIs504TooBecauseTheTimeoutIsADeadline() {
    warmUp();
    // a byte every 100 ms for 5 s: never idle long, but far past the 500 ms deadline
    upstream.reply("/quick", Reply.ok("x".repeat(50)).trickle(100));
    long start = System.nanoTime();
    HttpResult r = http.get("/api/quick");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertErrorShape(r, 504, "upstream_timeout", "quick");
    assertThat(ms).isLessThan(2500);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void upstreamRefusingCredentialsIs502(int status) {
    upstream.reply("/base/items", Reply.status(status, "{\"error\":\"invalid api key sk_live_123\"}"));
    HttpResult r = http.get("/api/items");
    assertErrorShape(r, 502, "upstream_error", "items");
    assertThat(r.text()).doesNotContain("sk_live_123");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 410, 422})
  void clientErrorsFromTheUpstreamAreRelayedWithTheirBody(int status) {
    String body = "{\"message\":\"vendor says " + status + "\"}";
    upstream.reply("/base/items/X", Reply.status(status, body));
    HttpResult r = http.get("/api/items/X");
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.text()).isEqualTo(body);
    assertThat(r.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void requestIdOfAnErrorIsTheClientsOne() {
    HttpResult r = http.get("/api/nothing", "X-Request-Id", "trace-42");
    assertThat(r.error().getString("requestId")).isEqualTo("trace-42");
    assertThat(r.header("X-Request-Id")).isEqualTo("trace-42");
  }

  @Test
  void headOfAnErrorHasNoBody() {
    HttpResult r = http.head("/api/nothing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().length()).isZero();
    assertThat(r.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void upstream503WithRetryAfterIs503RateLimited() {
    upstream.reply("/base/items", Reply.status(503, "{}").header("Retry-After", "7"));
    HttpResult r = http.get("/api/items");
    assertErrorShape(r, 503, "upstream_rate_limited", "items");
    assertThat(r.header("Retry-After")).isEqualTo("7");
  }

  @Test
  void upstream429Is503RateLimitedWithRetryAfter() {
    upstream.reply("/base/items", Reply.status(429, "{\"vendor\":\"slow down\"}").header("Retry-After", "3"));
    HttpResult r = http.get("/api/items");
    assertErrorShape(r, 503, "upstream_rate_limited", "items");
    assertThat(r.header("Retry-After")).isEqualTo("3");
    assertThat(r.text()).doesNotContain("slow down");
  }

  @Test
  void redirectsAreRelayedNotFollowed() {
    upstream.reply("/base/items/old", Reply.status(301, "").header("Location", "/items/new"));
    HttpResult r = http.get("/api/items/old");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/items/new");
    assertThat(upstream.total()).isEqualTo(1);
    assertThat(upstream.count("/items/new")).isZero();
    assertThat(upstream.count("/base/items/new")).isZero();
  }

  @Test
  void relayRouteGivesTheUpstream5xxAsItIs() {
    upstream.reply("/base/relay", Reply.status(500, "<html>vendor page</html>").header("Content-Type", "text/html"));
    HttpResult r = http.get("/api/relay");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("<html>vendor page</html>");
    assertThat(r.header("Content-Type")).startsWith("text/html");
    // and it is not stored
    http.get("/api/relay");
    assertThat(upstream.count("/base/relay")).isEqualTo(2);
  }
}

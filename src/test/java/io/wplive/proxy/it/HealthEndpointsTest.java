package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.Prometheus;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §5: health endpoints and Prometheus metrics on the public port. */
class HealthEndpointsTest extends ProxyTestBase {
  private static final String ROUTES = """
      - name: items
        path: /api/items
        upstream: api
        upstreamPath: /items
        cache: {ttl: 60s}
      """;

  @Test
  void liveIsUp() {
    startProxy(config(ROUTES));
    HttpResult r = http.get("/health/live");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json()).isEqualTo(new JsonObject().put("status", "UP"));
  }

  @Test
  void readyIsUpWithRedisDisabledAndTheUpstreamClosed() {
    startProxy(config(ROUTES));
    HttpResult r = http.get("/health/ready");
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject checks = body.getJsonObject("checks");
    assertThat(checks.getString("redis")).isEqualTo("DISABLED");
    assertThat(checks.getJsonObject("upstreams")).isEqualTo(new JsonObject().put("api", "CLOSED"));
  }

  @Test
  void readyIsDownWhileDraining() {
    startProxy(configWithServer("drainDelay: 1s", ROUTES));
    // a second client: the fixture's own is closed by stop()
    try (TestHttp probe = new TestHttp(proxy.port())) {
      var stopping = proxy.stopAsync();
      HttpResult r = probe.get("/health/ready");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.json().getString("status")).isEqualTo("DOWN");
      assertThat(r.json().getJsonObject("checks")).isNotNull();
      // still alive while draining
      assertThat(probe.get("/health/live").status()).isEqualTo(200);
      Blocking.await(stopping, 15, TimeUnit.SECONDS);
    }
  }

  @Test
  void healthHasCacheSizes() {
    upstream.reply(Reply.ok("{\"a\":1}"));
    startProxy(config(ROUTES));
    JsonObject before = http.get("/health").json();
    assertThat(before.getJsonObject("cache").getJsonObject("memory").getLong("entries")).isZero();
    http.get("/api/items");
    HttpResult r = http.get("/health");
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    assertThat(body.getString("status")).isEqualTo("UP");
    JsonObject memory = body.getJsonObject("cache").getJsonObject("memory");
    assertThat(memory.getLong("entries")).isEqualTo(1);
    assertThat(memory.getLong("bytes")).isPositive();
    assertThat(body.getJsonObject("upstreams").getJsonObject("api")).isNotNull();
  }

  @Test
  void metricsCountRequestsAndUpstreamCalls() {
    upstream.reply(Reply.ok("{\"a\":1}"));
    startProxy(config(ROUTES));
    http.get("/api/items");
    http.get("/api/items");
    http.get("/api/items");
    http.get("/api/nothing");
    HttpResult r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    Prometheus p = Prometheus.parse(r.text());
    assertThat(p.value("wplp_requests_total", "route", "items", "cache", "miss")).isEqualTo(1.0);
    assertThat(p.value("wplp_requests_total", "route", "items", "cache", "hit")).isEqualTo(2.0);
    assertThat(p.value("wplp_requests_total", "route", "items", "cache", "error")).isEqualTo(0.0);
    assertThat(p.value("wplp_upstream_requests_total", "upstream", "api", "outcome", "2xx")).isEqualTo(1.0);
    assertThat(p.value("wplp_upstream_requests_total", "upstream", "api", "outcome", "5xx")).isEqualTo(0.0);
    assertThat(p.value("wplp_cache_lookups_total", "tier", "memory", "result", "hit")).isGreaterThanOrEqualTo(2.0);
    assertThat(p.has("wplp_upstream_duration_seconds_bucket")).isTrue();
    // label values are names from the config, never raw paths
    assertThat(r.text()).doesNotContain("/api/nothing").doesNotContain("/api/items");
  }

  @Test
  void metricsCountUpstreamFailuresByOutcome() {
    upstream.reply(Reply.status(500, "{}"));
    startProxy(config(ROUTES));
    assertThat(http.get("/api/items").status()).isEqualTo(502);
    Prometheus p = Prometheus.parse(http.get("/metrics").text());
    assertThat(p.value("wplp_upstream_requests_total", "upstream", "api", "outcome", "5xx")).isEqualTo(1.0);
    assertThat(p.value("wplp_requests_total", "route", "items", "cache", "error")).isEqualTo(1.0);
  }

  @Test
  void healthEndpointsRefuseWrites() {
    startProxy(config(ROUTES));
    HttpResult r = http.post("/health/live", "{}");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
  }
}

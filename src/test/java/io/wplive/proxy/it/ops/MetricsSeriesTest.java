package io.wplive.proxy.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.it.ops.PrometheusText.Sample;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #7 / SPEC §5 /metrics: after a short mixed run (hits, misses, a stale answer, a bypassed
 * POST, an upstream error and an upstream timeout) every series of the SPEC is there with its
 * labels, plus JVM series; and no label value is a raw request path.
 */
class MetricsSeriesTest extends ProxyTestBase {
  private final List<String> pathsSent = new ArrayList<>();
  private PrometheusText metrics;

  @BeforeEach
  void runAMixedLoad() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    upstream.reply("/base/broken", Reply.status(500, "<html>boom</html>").header("Content-Type", "text/html"));
    upstream.reply("/slow/slow", Reply.ok("{\"late\":true}").delay(1_500));
    upstream.reply("/base/norm", Reply.ok("{\"items\":[{\"id\":\"a\",\"price\":\"not a number\"},{\"id\":\"b\",\"price\":2.5}]}"));
    startProxy("""
        server: {host: 127.0.0.1, port: 0}
        logging: {access: false}
        upstreams:
          api:
            baseUrl: ${UPSTREAM}/base
            timeout: 2s
          slowapi:
            baseUrl: ${UPSTREAM}/slow
            timeout: 300ms
        routes:
          - name: items
            path: /api/items/:id
            upstream: api
            upstreamPath: /items/:id
            cache: {ttl: 60s}
          - name: freshness
            path: /api/stale
            upstream: api
            upstreamPath: /stale
            cache: {ttl: 1s, staleWhileRevalidate: 60s}
          - name: write
            path: /api/write
            upstream: api
            upstreamPath: /write
            methods: [POST]
          - name: broken
            path: /api/broken
            upstream: api
            upstreamPath: /broken
            cache: {ttl: 60s}
          - name: slow
            path: /api/slow
            upstream: slowapi
            upstreamPath: /slow
            cache: {ttl: 60s}
          - name: norm
            path: /api/norm
            upstream: api
            upstreamPath: /norm
            cache: {ttl: 60s}
            normalize:
              items: /items
              fields:
                id: /id
                price: {from: /price, type: number}
        """);
    for (String id : List.of("a1", "b2", "c3")) {
      assertThat(get("/api/items/" + id).xCache()).isEqualTo("MISS");
      assertThat(get("/api/items/" + id).xCache()).isEqualTo("HIT");
    }
    assertThat(get("/api/stale").xCache()).isEqualTo("MISS");
    clock.advanceSeconds(3);
    assertThat(get("/api/stale").xCache()).isEqualTo("STALE");
    pathsSent.add("/api/write");
    assertThat(http.post("/api/write", "{}", "Content-Type", "application/json").xCache()).isEqualTo("BYPASS");
    assertThat(get("/api/broken").status()).isEqualTo(502);
    assertThat(get("/api/slow").status()).isEqualTo(504);
    HttpResult norm = get("/api/norm");
    assertThat(norm.status()).as("answer %s", norm).isEqualTo(200);
    assertThat(get("/api/does/not/exist").status()).isEqualTo(404);
    HttpResult m = http.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.header("Content-Type")).startsWith("text/plain");
    metrics = PrometheusText.parse(m.text());
  }

  private HttpResult get(String path) {
    pathsSent.add(path);
    return http.get(path);
  }

  @Test
  void requestsByRouteAndCacheOutcome() {
    assertThat(metrics.value("wplp_requests_total", "route", "items", "cache", "hit")).isEqualTo(3.0);
    assertThat(metrics.value("wplp_requests_total", "route", "items", "cache", "miss")).isEqualTo(3.0);
    assertThat(metrics.value("wplp_requests_total", "route", "freshness", "cache", "stale")).isEqualTo(1.0);
    assertThat(metrics.value("wplp_requests_total", "route", "write", "cache", "bypass")).isEqualTo(1.0);
    assertThat(metrics.value("wplp_requests_total", "route", "broken", "cache", "error")).isEqualTo(1.0);
    assertThat(metrics.value("wplp_requests_total", "route", "slow", "cache", "error")).isEqualTo(1.0);
    for (String route : List.of("items", "freshness", "write", "broken", "slow", "norm")) {
      for (String cache : List.of("hit", "miss", "stale", "bypass", "error")) {
        assertThat(metrics.has("wplp_requests_total", "route", route, "cache", cache)).as("%s/%s", route, cache).isTrue();
      }
    }
    for (Sample s : metrics.named("wplp_requests_total")) {
      assertThat(s.labels().keySet()).contains("route", "cache");
      assertThat(s.label("cache")).isIn("hit", "miss", "stale", "bypass", "error");
    }
  }

  @Test
  void cacheLookupsByTierAndResult() {
    for (String tier : List.of("memory", "redis")) {
      for (String result : List.of("hit", "miss", "error")) {
        assertThat(metrics.has("wplp_cache_lookups_total", "tier", tier, "result", result)).as("%s/%s", tier, result).isTrue();
      }
    }
    assertThat(metrics.value("wplp_cache_lookups_total", "tier", "memory", "result", "hit")).isGreaterThanOrEqualTo(3.0);
    assertThat(metrics.value("wplp_cache_lookups_total", "tier", "memory", "result", "miss")).isGreaterThanOrEqualTo(3.0);
  }

  @Test
  void upstreamRequestsByOutcome() {
    for (String up : List.of("api", "slowapi")) {
      for (String outcome : List.of("2xx", "3xx", "4xx", "5xx", "timeout", "connect_error", "rejected")) {
        assertThat(metrics.has("wplp_upstream_requests_total", "upstream", up, "outcome", outcome)).as("%s/%s", up, outcome).isTrue();
      }
    }
    assertThat(metrics.value("wplp_upstream_requests_total", "upstream", "api", "outcome", "2xx")).isGreaterThanOrEqualTo(6.0);
    assertThat(metrics.value("wplp_upstream_requests_total", "upstream", "api", "outcome", "5xx")).isEqualTo(1.0);
    assertThat(metrics.value("wplp_upstream_requests_total", "upstream", "slowapi", "outcome", "timeout")).isEqualTo(1.0);
  }

  @Test
  void upstreamDurationIsAHistogram() {
    List<Sample> buckets = metrics.named("wplp_upstream_duration_seconds_bucket").stream()
        .filter(s -> "api".equals(s.label("upstream"))).toList();
    assertThat(buckets).as("histogram buckets").hasSizeGreaterThan(3);
    assertThat(buckets).allSatisfy(b -> assertThat(b.labels()).containsKey("le"));
    assertThat(buckets.stream().anyMatch(b -> b.label("le").equals("+Inf"))).isTrue();
    double count = metrics.value("wplp_upstream_duration_seconds_count", "upstream", "api");
    assertThat(count).isGreaterThanOrEqualTo(6.0);
    assertThat(metrics.value("wplp_upstream_duration_seconds_bucket", "upstream", "api", "le", "+Inf")).isEqualTo(count);
    assertThat(metrics.value("wplp_upstream_duration_seconds_sum", "upstream", "api")).isGreaterThan(0.0);
    assertThat(metrics.value("wplp_upstream_duration_seconds_count", "upstream", "slowapi")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void circuitStateThrottlingReloadsAndNormalizeWarnings() {
    for (String up : List.of("api", "slowapi")) {
      double state = metrics.value("wplp_circuit_state", "upstream", up);
      assertThat(state).as("circuit of %s", up).isIn(0.0, 1.0, 2.0);
      assertThat(metrics.has("wplp_upstream_throttled_total", "upstream", up)).as("throttled of %s", up).isTrue();
    }
    assertThat(metrics.value("wplp_circuit_state", "upstream", "api")).isEqualTo(0.0);
    assertThat(metrics.value("wplp_config_reloads_total", "result", "success")).isEqualTo(0.0);
    assertThat(metrics.value("wplp_config_reloads_total", "result", "rejected")).isEqualTo(0.0);
    assertThat(metrics.value("wplp_normalize_warnings_total", "route", "norm")).isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void jvmSeriesAreThere() {
    assertThat(metrics.named("jvm_memory_used_bytes")).isNotEmpty();
    assertThat(metrics.find("jvm_memory_used_bytes", "area", "heap")).isNotNull();
  }

  @Test
  void noLabelValueIsARawPath() {
    List<String> offending = new ArrayList<>();
    for (Sample s : metrics.all()) {
      for (Map.Entry<String, String> l : s.labels().entrySet()) {
        String v = l.getValue();
        boolean looksLikePath = v.startsWith("/") || pathsSent.stream().anyMatch(p -> v.contains(p) || v.contains(p.substring(1)));
        if (looksLikePath) {
          offending.add(s.name() + "{" + l.getKey() + "=" + v + "}");
        }
      }
    }
    assertThat(offending).as("label values that are request paths").isEmpty();
    // unmatched requests are counted without their path
    assertThat(metrics.named("wplp_requests_total").stream().map(s -> s.label("route")).distinct().toList())
        .containsOnly("items", "freshness", "write", "broken", "slow", "norm", "none");
  }
}

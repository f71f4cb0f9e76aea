package io.wplive.proxy.it.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.LogCapture;
import io.wplive.proxy.support.Prometheus;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6: a body the normalizer cannot parse, or one over {@code maxEntrySize} on a normalized
 * route, is an upstream error (502 or stale), logged once without the body; a value that cannot
 * take its type becomes null and is counted.
 */
class NormalizeErrorsTest extends ProxyTestBase {
  private static final String GOOD = "{\"items\":[{\"id\":\"A-1\",\"price\":\"12.50\"},{\"id\":\"A-2\",\"price\":3}],\"count\":2}";
  private static final String GARBAGE = "<<GARBAGE-not-json-7f3a9c>> secret=card-4111";

  private void start(String cache, String top) {
    startProxy(config(top, "", """
        - name: products
          path: /api/products
          upstream: api
          upstreamPath: /products
          cache: %s
          normalize:
            format: json
            items: /items
            fields:
              id: /id
              price: {from: /price, type: number}
            total: /count
        """.formatted(cache)));
  }

  private static boolean aboutIt(String line) {
    return line.contains("products") && (line.contains("normaliz") || line.contains("cannot") || line.contains("parse"));
  }

  @Test
  void garbageBodyIs502UpstreamErrorNamingTheRoute() {
    try (LogCapture logs = new LogCapture()) {
      start("{ttl: 60s}", "");
      upstream.reply("/base/products", Reply.ok(GARBAGE));
      HttpResult r = http.get("/api/products");
      assertThat(r.status()).as("answer %s", r).isEqualTo(502);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      JsonObject e = r.error();
      assertThat(e.getString("code")).isEqualTo("upstream_error");
      assertThat(e.getInteger("status")).isEqualTo(502);
      assertThat(e.getString("route")).isEqualTo("products");
      assertThat(r.text()).doesNotContain("GARBAGE").doesNotContain("4111");
      List<String> about = logs.lines().stream().filter(NormalizeErrorsTest::aboutIt).toList();
      assertThat(about).as("log lines %s", logs.lines()).hasSize(1);
      assertThat(logs.lines()).noneMatch(l -> l.contains("GARBAGE") || l.contains("4111"));
      // not stored: the next request goes upstream again
      assertThat(http.get("/api/products").status()).isEqualTo(502);
      assertThat(upstream.count("/base/products")).isEqualTo(2);
    }
  }

  @Test
  void garbageBodyWithAPrimedEntryServesTheStaleEnvelope() {
    start("{ttl: 1s, staleIfError: 1h}", "");
    upstream.reply("/base/products", Reply.ok(GOOD));
    HttpResult primed = http.get("/api/products");
    assertThat(primed.status()).as("answer %s", primed).isEqualTo(200);
    assertThat(primed.xCache()).isEqualTo("MISS");
    assertThat(primed.json().getJsonArray("data")).hasSize(2);

    try (LogCapture logs = new LogCapture()) {
      upstream.reply("/base/products", Reply.ok(GARBAGE));
      clock.advance(2_000);
      HttpResult r = http.get("/api/products");
      assertThat(r.status()).as("answer %s", r).isEqualTo(200);
      assertThat(r.xCache()).isEqualTo("STALE");
      assertThat(r.body()).isEqualTo(primed.body());
      assertThat(upstream.count("/base/products")).isEqualTo(2);
      List<String> about = logs.lines().stream().filter(NormalizeErrorsTest::aboutIt).toList();
      assertThat(about).as("log lines %s", logs.lines()).hasSize(1);
      assertThat(logs.lines()).noneMatch(l -> l.contains("GARBAGE") || l.contains("4111"));
    }
  }

  @Test
  void aValueThatCannotTakeItsTypeIsNullAndCounted() {
    start("{ttl: 60s}", "");
    upstream.reply("/base/products",
        Reply.ok("{\"items\":[{\"id\":\"A-1\",\"price\":\"abc\"},{\"id\":\"A-2\",\"price\":\"7.25\"}],\"count\":2}"));
    Double before = Prometheus.parse(http.get("/metrics").text())
        .value("wplp_normalize_warnings_total", "route", "products");
    assertThat(before).isEqualTo(0.0);
    HttpResult r = http.get("/api/products");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    JsonObject first = r.json().getJsonArray("data").getJsonObject(0);
    assertThat(first.getString("id")).isEqualTo("A-1");
    assertThat(first.containsKey("price")).isTrue();
    assertThat(first.getValue("price")).isNull();
    assertThat(r.json().getJsonArray("data").getJsonObject(1).getValue("price").toString()).isEqualTo("7.25");
    Double after = Prometheus.parse(http.get("/metrics").text())
        .value("wplp_normalize_warnings_total", "route", "products");
    assertThat(after).isEqualTo(1.0);
    // a hit does not normalize again: no further warning
    assertThat(http.get("/api/products").xCache()).isEqualTo("HIT");
    assertThat(Prometheus.parse(http.get("/metrics").text())
        .value("wplp_normalize_warnings_total", "route", "products")).isEqualTo(1.0);
  }

  @Test
  void aBodyOverMaxEntrySizeOnANormalizedRouteIs502() {
    start("{ttl: 60s}", "cache: {maxEntrySize: 1KB}");
    StringBuilder items = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 200; i++) {
      items.append(i == 0 ? "" : ",").append("{\"id\":\"ID-").append(i).append("\",\"price\":").append(i).append('}');
    }
    String big = items.append("],\"count\":200}").toString();
    assertThat(big.length()).isGreaterThan(2048);
    upstream.reply("/base/products", Reply.ok(big));
    HttpResult r = http.get("/api/products");
    assertThat(r.status()).as("answer %s", r).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    assertThat(r.error().getString("route")).isEqualTo("products");
    assertThat(r.text()).doesNotContain("ID-1");
  }

  @Test
  void aBodyUnderMaxEntrySizeOnTheSameConfigIsNormalized() {
    start("{ttl: 60s}", "cache: {maxEntrySize: 1KB}");
    upstream.reply("/base/products", Reply.ok(GOOD));
    HttpResult r = http.get("/api/products");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(r.json().getJsonObject("meta").getString("route")).isEqualTo("products");
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §8: the built-in demo inventory upstream behind the proxy. */
class DemoUpstreamTest extends ProxyTestBase {
  private int demoPort;

  @BeforeEach
  void start() {
    // the upstream's baseUrl needs the demo port before start: pick a free one ourselves
    demoPort = io.wplive.proxy.support.Blocking.freePort();
    env.put("DEMO", "http://127.0.0.1:" + demoPort);
    startProxy("""
        server: {host: 127.0.0.1, port: 0}
        logging: {access: false}
        demo: {enabled: true, port: %d}
        upstreams:
          inventory:
            baseUrl: ${DEMO}/inventory
            timeout: 2s
            headers: {Accept: application/json}
        routes:
          - name: products
            path: /api/inventory/products
            upstream: inventory
            upstreamPath: /products
            query:
              allow: [page, per_page]
              defaults: {per_page: "20"}
            cache: {ttl: 60s}
          - name: product
            path: /api/inventory/products/:sku
            upstream: inventory
            upstreamPath: /products/:sku
            cache: {ttl: 60s, negativeTtl: 10s}
        """.formatted(demoPort));
  }

  private HttpResult setMode(String mode) {
    HttpResult r = http.post("/__demo/inventory/mode", new JsonObject().put("mode", mode).encode(),
        "Content-Type", "application/json");
    assertThat(r.status()).as("mode change %s", r).isEqualTo(200);
    return r;
  }

  @Test
  void demoRunsOnTheConfiguredPort() {
    assertThat(proxy.server().demoPort()).isEqualTo(demoPort);
  }

  @Test
  void productsPageHasTwentyProducts() {
    HttpResult r = http.get("/api/inventory/products");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonArray products = r.json().getJsonArray("products");
    assertThat(products).hasSize(20);
    assertThat(products.getJsonObject(0).getString("sku")).isEqualTo("A-100");
    assertThat(http.get("/api/inventory/products").xCache()).isEqualTo("HIT");
  }

  @Test
  void singleProductAndUnknownProduct() {
    HttpResult one = http.get("/api/inventory/products/A-105");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().getString("sku")).isEqualTo("A-105");
    HttpResult none = http.get("/api/inventory/products/Z-999");
    assertThat(none.status()).isEqualTo(404);
    assertThat(http.get("/api/inventory/products/Z-999").xCache()).isEqualTo("HIT");
  }

  @Test
  void errorModeGives502ForANewKey() {
    assertThat(http.get("/api/inventory/products?page=1").status()).isEqualTo(200);
    assertThat(setMode("error").json().getString("mode")).isEqualTo("error");
    HttpResult r = http.get("/api/inventory/products?page=2");
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    assertThat(r.text()).doesNotContain("<html");
    // the cached key is still served
    assertThat(http.get("/api/inventory/products?page=1").status()).isEqualTo(200);
    setMode("ok");
    assertThat(http.get("/api/inventory/products?page=2").status()).isEqualTo(200);
  }

  @Test
  void downModeGives502() {
    setMode("down");
    HttpResult r = http.get("/api/inventory/products?page=3");
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
  }

  @Test
  void overTheDemoRateLimitTheProxyAnswers503WithRetryAfter() {
    // 25 different keys at once: whatever the second boundary, one window gets more than 10
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      fs.add(http.send(HttpMethod.GET, "/api/inventory/products?per_page=1&page=" + i, null, null));
    }
    Blocking.await(Future.join(fs), 15, TimeUnit.SECONDS);
    List<HttpResult> answers = fs.stream().map(Future::result).toList();
    assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(200, 503));
    List<HttpResult> limited = answers.stream().filter(r -> r.status() == 503).toList();
    assertThat(limited).as("some answers were refused by the demo's 10 req/s limit").isNotEmpty();
    assertThat(answers.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(10);
    for (HttpResult r : limited) {
      assertThat(r.error().getString("code")).isEqualTo("upstream_rate_limited");
      assertThat(r.header("Retry-After")).isNotNull();
      assertThat(Long.parseLong(r.header("Retry-After"))).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void modeCanBeReadBack() {
    setMode("slow");
    try (TestHttp demo = new TestHttp(demoPort)) {
      HttpResult r = demo.get("/__demo/inventory/mode");
      assertThat(r.json().getString("mode")).isEqualTo("slow");
    }
    setMode("ok");
  }

  @Test
  void unknownModeIs400() {
    HttpResult r = http.post("/__demo/inventory/mode", "{\"mode\":\"explode\"}");
    assertThat(r.status()).isEqualTo(400);
  }
}

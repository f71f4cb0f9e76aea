package io.wplive.proxy.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.it.security.Wire;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue #7 / SPEC §5 admin API: POST /admin/purge by route, tag, path (query normalized like a
 * request's) and everything, hard and soft; GET /admin/cache; the token (404 without one
 * configured, 401 when wrong); admin.port and admin.allowFrom.
 */
class AdminPurgeTest extends ProxyTestBase {
  static final String TOKEN = "admin-token-0123456789abcdef";

  static final String ROUTES = """
      routes:
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          query: {allow: [page]}
          cache: {ttl: 60s, tags: [catalog]}
        - name: product
          path: /api/products/:sku
          upstream: api
          upstreamPath: /products/:sku
          cache: {ttl: 60s, staleWhileRevalidate: 60s, tags: [catalog, products]}
        - name: news
          path: /api/news
          upstream: api
          upstreamPath: /news
          cache: {ttl: 60s, tags: [news]}
        - name: listings
          path: /api/listings
          upstream: api
          upstreamPath: /listings
          cache: {ttl: 60s}
          normalize:
            items: /value
            pagination: {style: offset, pageParam: $skip, sizeParam: $top}
      """;

  static String yaml(String admin) {
    return "server: {host: 127.0.0.1, port: 0}\n"
        + "logging: {access: false}\n"
        + admin
        + "upstreams:\n"
        + "  api:\n"
        + "    baseUrl: ${UPSTREAM}/base\n"
        + "    timeout: 2s\n"
        + ROUTES;
  }

  @BeforeEach
  void upstreamAnswers() {
    env.put("ADMIN_TOKEN", TOKEN);
    upstream.respond(r -> Reply.ok("{\"value\":[{\"id\":\"" + r.uri() + "\"}],\"n\":" + upstream.total() + "}"));
  }

  HttpResult purge(TestHttp client, String body) {
    return client.request(HttpMethod.POST, "/admin/purge",
        TestHttp.headers("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json"),
        io.vertx.core.buffer.Buffer.buffer(body));
  }

  HttpResult purge(String body) {
    return purge(http, body);
  }

  static int purged(HttpResult r) {
    assertThat(r.status()).as("purge answer %s", r).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    return r.json().getInteger("purged");
  }

  String xCache(String uri) {
    return http.get(uri).xCache();
  }

  void warm(String... uris) {
    for (String u : uris) {
      HttpResult r = http.get(u);
      assertThat(r.status()).as("%s: %s", u, r).isEqualTo(200);
      assertThat(http.get(u).xCache()).as("%s is cached", u).isEqualTo("HIT");
    }
  }

  @Nested
  class WithAToken {
    @BeforeEach
    void start() {
      startProxy(yaml("admin:\n  token: ${ADMIN_TOKEN}\n"));
    }

    @Test
    void purgeByRoute() {
      warm("/api/items?page=1", "/api/items?page=2", "/api/products/a", "/api/news");
      assertThat(purged(purge("{\"route\":\"items\"}"))).isEqualTo(2);
      assertThat(xCache("/api/items?page=1")).isEqualTo("MISS");
      assertThat(xCache("/api/items?page=2")).isEqualTo("MISS");
      assertThat(xCache("/api/products/a")).isEqualTo("HIT");
      assertThat(xCache("/api/news")).isEqualTo("HIT");
    }

    @Test
    void purgeByTag() {
      warm("/api/items?page=1", "/api/products/a", "/api/products/b", "/api/news");
      assertThat(purged(purge("{\"tag\":\"catalog\"}"))).isEqualTo(3);
      assertThat(xCache("/api/items?page=1")).isEqualTo("MISS");
      assertThat(xCache("/api/products/a")).isEqualTo("MISS");
      assertThat(xCache("/api/products/b")).isEqualTo("MISS");
      assertThat(xCache("/api/news")).isEqualTo("HIT");
      assertThat(purged(purge("{\"tag\":\"no-such-tag\"}"))).isZero();
    }

    @Test
    void purgeByPathNormalizesTheQueryLikeARequest() {
      warm("/api/items?page=2&junk=1", "/api/items?page=3");
      assertThat(xCache("/api/items?junk=2&page=2")).as("same entry as ?page=2").isEqualTo("HIT");
      assertThat(purged(purge("{\"path\":\"/api/items?page=2\"}"))).isEqualTo(1);
      assertThat(xCache("/api/items?page=2")).isEqualTo("MISS");
      assertThat(xCache("/api/items?page=3")).as("another page is untouched").isEqualTo("HIT");
      // and the other way round: the purge's junk parameter is dropped as a request's would be
      assertThat(purged(purge("{\"path\":\"/api/items?junk=1&page=3\"}"))).isEqualTo(1);
      assertThat(xCache("/api/items?page=3")).isEqualTo("MISS");
    }

    @Test
    void purgeByPathOfAPathParamRouteOnlyDropsThatPath() {
      warm("/api/products/a", "/api/products/b");
      assertThat(purged(purge("{\"path\":\"/api/products/a\"}"))).isEqualTo(1);
      assertThat(xCache("/api/products/b")).isEqualTo("HIT");
    }

    @Test
    void purgeByPathWorksOnARouteWithPagination() {
      // a normalized route maps page/per_page to the upstream's paging: the cache key is the client's form
      warm("/api/listings?page=2", "/api/listings");
      assertThat(purged(purge("{\"path\":\"/api/listings?page=2\"}"))).as("entries purged for /api/listings?page=2").isEqualTo(1);
      assertThat(xCache("/api/listings?page=2")).isEqualTo("MISS");
      assertThat(purged(purge("{\"path\":\"/api/listings\"}"))).isEqualTo(1);
    }

    @Test
    void purgeEverything() {
      warm("/api/items?page=1", "/api/products/a", "/api/news");
      assertThat(purged(purge("{\"all\":true}"))).isEqualTo(3);
      assertThat(xCache("/api/items?page=1")).isEqualTo("MISS");
      assertThat(xCache("/api/products/a")).isEqualTo("MISS");
      assertThat(xCache("/api/news")).isEqualTo("MISS");
    }

    @Test
    void softPurgeServesStaleWhileOneRefreshRuns() {
      warm("/api/products/a");
      int before = upstream.total();
      assertThat(purged(purge("{\"route\":\"product\",\"soft\":true}"))).isEqualTo(1);
      HttpResult stale = http.get("/api/products/a");
      assertThat(stale.status()).isEqualTo(200);
      assertThat(stale.xCache()).as("answer %s", stale).isEqualTo("STALE");
      assertThat(stale.cacheStatus()).contains("stale-while-revalidate");
      upstream.awaitTotal(before + 1, Duration.ofSeconds(5));
      // the background refresh lands; then it is a hit again
      long deadline = System.currentTimeMillis() + 5_000;
      String x;
      do {
        Blocking.sleep(50);
        x = xCache("/api/products/a");
      } while (!"HIT".equals(x) && System.currentTimeMillis() < deadline);
      assertThat(x).isEqualTo("HIT");
    }

    @Test
    void softPurgeOfAnEntryWithoutAStaleWindowDeletesIt() {
      warm("/api/news");
      assertThat(purged(purge("{\"tag\":\"news\",\"soft\":true}"))).isEqualTo(1);
      assertThat(xCache("/api/news")).isEqualTo("MISS");
    }

    @Test
    void softPurgeByPathAndAll() {
      warm("/api/products/a", "/api/products/b");
      assertThat(purged(purge("{\"path\":\"/api/products/a\",\"soft\":true}"))).isEqualTo(1);
      assertThat(xCache("/api/products/a")).isEqualTo("STALE");
      assertThat(xCache("/api/products/b")).isEqualTo("HIT");
      assertThat(purged(purge("{\"all\":true,\"soft\":true}"))).isGreaterThanOrEqualTo(1);
      assertThat(xCache("/api/products/b")).isEqualTo("STALE");
    }

    @Test
    void aWrongOrMissingTokenIs401JsonAndPurgesNothing() {
      warm("/api/news");
      for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong-token-0123456789abcdef"},
          new String[] {"Authorization", "Basic " + TOKEN}, new String[] {"Authorization", TOKEN},
          new String[] {"X-Api-Key", TOKEN}, new String[] {"Authorization", "Bearer " + TOKEN + "x"},
          new String[] {"Authorization", "Bearer " + TOKEN.substring(1)})) {
        HttpResult r = http.post("/admin/purge", "{\"all\":true}", headers);
        assertThat(r.status()).as("headers %s: %s", List.of(headers), r).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.error().getString("code")).isEqualTo("unauthorized");
        assertThat(r.text()).doesNotContain(TOKEN);
      }
      HttpResult cache = http.get("/admin/cache?path=%2Fapi%2Fnews");
      assertThat(cache.status()).isEqualTo(401);
      assertThat(xCache("/api/news")).as("nothing was purged").isEqualTo("HIT");
    }

    @Test
    void aMalformedBodyIs400() {
      warm("/api/news");
      for (String body : List.of("", "not json", "[]", "null", "42", "{}", "{\"route\":\"items\",\"tag\":\"catalog\"}",
          "{\"route\":5}", "{\"tag\":null}", "{\"all\":false}", "{\"all\":\"true\"}", "{\"all\":true,\"soft\":\"yes\"}",
          "{\"route\":\"no-such-route\"}", "{\"path\":\"api/news\"}", "{\"path\":\"/api/../news\"}",
          "{\"path\":\"/api/%2e%2e/news\"}", "{\"path\":\"/nothing/here\"}", "{\"all\":true", "{\"soft\":true}")) {
        HttpResult r = purge(body);
        assertThat(r.status()).as("body %s: %s", body, r).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.error().getString("code")).isEqualTo("bad_request");
      }
      assertThat(xCache("/api/news")).isEqualTo("HIT");
    }

    @Test
    void purgeNeedsPost() {
      HttpResult r = http.get("/admin/purge", "Authorization", "Bearer " + TOKEN);
      assertThat(r.status()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("POST");
    }

    @Test
    void cacheMetadataOfAStoredEntry() {
      warm("/api/items?page=2&junk=1");
      String path = URLEncoder.encode("/api/items?junk=9&page=2", StandardCharsets.UTF_8);
      HttpResult r = http.get("/admin/cache?path=" + path, "Authorization", "Bearer " + TOKEN);
      assertThat(r.status()).as("answer %s", r).isEqualTo(200);
      JsonObject m = r.json();
      assertThat(m.getString("key")).contains("items").contains("page=2").doesNotContain("junk");
      assertThat(m.getBoolean("stored")).isTrue();
      assertThat(m.getString("tier")).isEqualTo("memory");
      assertThat(m.getLong("age")).isBetween(0L, 5L);
      assertThat(m.getLong("ttl")).isBetween(50L, 60L);
      assertThat(m.getInteger("size")).isEqualTo(http.get("/api/items?page=2").body().length());
      HttpResult missing = http.get("/admin/cache?path=" + URLEncoder.encode("/api/items?page=7", StandardCharsets.UTF_8),
          "Authorization", "Bearer " + TOKEN);
      assertThat(missing.status()).isEqualTo(200);
      assertThat(missing.json().getBoolean("stored")).isFalse();
      assertThat(missing.json().getString("key")).contains("page=7");
      HttpResult bad = http.get("/admin/cache?path=" + URLEncoder.encode("/nothing", StandardCharsets.UTF_8),
          "Authorization", "Bearer " + TOKEN);
      assertThat(bad.status()).isEqualTo(400);
      HttpResult none = http.get("/admin/cache", "Authorization", "Bearer " + TOKEN);
      assertThat(none.status()).isEqualTo(400);
    }

    @Test
    void cacheMetadataAgesWithTheClock() {
      warm("/api/news");
      clock.advanceSeconds(20);
      JsonObject m = http.get("/admin/cache?path=%2Fapi%2Fnews", "Authorization", "Bearer " + TOKEN).json();
      assertThat(m.getLong("age")).isBetween(19L, 22L);
      assertThat(m.getLong("ttl")).isBetween(38L, 41L);
    }

    @Test
    void healthDetailsAndMetricsShareThePublicPortWithoutAdminPort() {
      assertThat(http.get("/metrics").status()).isEqualTo(200);
      assertThat(http.get("/health").status()).isEqualTo(200);
      assertThat(http.get("/health/live").status()).isEqualTo(200);
    }
  }

  @Nested
  class WithoutAToken {
    @Test
    void theAdminApiIs404() {
      startProxy(yaml(""));
      warm("/api/news");
      HttpResult r = purge("{\"all\":true}");
      assertThat(r.status()).as("answer %s", r).isEqualTo(404);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.error().getString("code")).isEqualTo("route_not_found");
      assertThat(http.get("/admin/cache?path=%2Fapi%2Fnews", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
      assertThat(http.get("/admin/purge").status()).isEqualTo(404);
      assertThat(xCache("/api/news")).isEqualTo("HIT");
    }
  }

  @Nested
  class OnASecondPort {
    private TestHttp admin;

    @BeforeEach
    void start() {
      env.put("ADMIN_PORT", Integer.toString(Blocking.freePort()));
      startProxy(yaml("admin:\n  token: ${ADMIN_TOKEN}\n  port: ${ADMIN_PORT}\n"));
      admin = new TestHttp(proxy.server().adminPort());
    }

    @org.junit.jupiter.api.AfterEach
    void closeAdmin() {
      admin.close();
    }

    @Test
    void adminMetricsAndHealthDetailsMoveToTheAdminPort() {
      assertThat(proxy.server().adminPort()).isEqualTo(Integer.parseInt(env.get("ADMIN_PORT")));
      warm("/api/news");
      assertThat(purged(purge(admin, "{\"all\":true}"))).isEqualTo(1);
      HttpResult metrics = admin.get("/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.text()).contains("wplp_requests_total");
      HttpResult health = admin.get("/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().containsKey("checks")).isTrue();
      assertThat(admin.get("/health/live").status()).isEqualTo(200);
      assertThat(admin.get("/admin/cache?path=%2Fapi%2Fnews", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(200);
      // the admin port proxies nothing
      assertThat(admin.get("/api/news").status()).isEqualTo(404);
    }

    @Test
    void thePublicPortAnswers404ForThemButKeepsTheProbes() {
      warm("/api/news");
      for (HttpResult r : List.of(purge("{\"all\":true}"), http.get("/metrics"), http.get("/health"),
          http.get("/admin/cache?path=%2Fapi%2Fnews", "Authorization", "Bearer " + TOKEN))) {
        assertThat(r.status()).as("answer %s", r).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.text()).doesNotContain("wplp_").doesNotContain("\"upstreams\"");
      }
      assertThat(xCache("/api/news")).as("nothing was purged through the public port").isEqualTo("HIT");
      HttpResult live = http.get("/health/live");
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.json().getString("status")).isEqualTo("UP");
      HttpResult ready = http.get("/health/ready");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().getString("status")).isEqualTo("UP");
    }
  }

  @Nested
  class AllowFrom {
    @Test
    void anAddressOutsideAllowFromGets404() {
      startProxy(yaml("admin:\n  token: ${ADMIN_TOKEN}\n  allowFrom: [10.0.0.0/8]\n"));
      warm("/api/news");
      HttpResult r = purge("{\"all\":true}");
      assertThat(r.status()).as("answer %s", r).isEqualTo(404);
      assertThat(http.get("/metrics").status()).isEqualTo(404);
      assertThat(http.get("/admin/cache?path=%2Fapi%2Fnews", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
      assertThat(xCache("/api/news")).isEqualTo("HIT");
      assertThat(http.get("/health/live").status()).isEqualTo(200);
    }

    @Test
    void onlyTheAllowedAddressGetsIn() {
      startProxy(yaml("admin:\n  token: ${ADMIN_TOKEN}\n  allowFrom: [127.0.0.2/32]\n"));
      String body = "{\"all\":true}";
      String req = Wire.build(proxy.port(), "POST /admin/purge HTTP/1.1", body, "Authorization: Bearer " + TOKEN,
          "Content-Type: application/json");
      try (Wire fromOne = Wire.connect("127.0.0.1", proxy.port())) {
        assertThat(fromOne.exchange(req).status()).isEqualTo(404);
      }
      try (Wire fromTwo = Wire.connect("127.0.0.2", proxy.port())) {
        HttpResult r = fromTwo.exchange(req);
        assertThat(r.status()).as("answer %s", r).isEqualTo(200);
      }
      try (Wire metricsFromTwo = Wire.connect("127.0.0.2", proxy.port())) {
        assertThat(metricsFromTwo.exchange(Wire.build(proxy.port(), "GET /metrics HTTP/1.1", null)).status()).isEqualTo(200);
      }
    }
  }
}

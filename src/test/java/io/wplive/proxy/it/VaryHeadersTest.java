package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §4 "Cache key": route varyHeaders, and the upstream's Vary in honorCacheControl mode. */
class VaryHeadersTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.respond(r -> Reply.ok("{\"lang\":\"" + r.header("Accept-Language") + "\"}")
        .header("Cache-Control", "max-age=60").header("Vary", "Accept-Language"));
    startProxy(config("""
        - name: fixed
          path: /api/fixed
          upstream: api
          upstreamPath: /fixed
          cache: {ttl: 60s, varyHeaders: [Accept-Language]}
        - name: honor
          path: /api/honor
          upstream: api
          upstreamPath: /honor
        - name: star
          path: /api/star
          upstream: api
          upstreamPath: /star
        """));
  }

  @Test
  void routeVaryHeadersSplitTheKeyAndAreForwarded() {
    HttpResult de = http.get("/api/fixed", "Accept-Language", "de");
    assertThat(de.text()).isEqualTo("{\"lang\":\"de\"}");
    assertThat(upstream.last().header("Accept-Language")).isEqualTo("de");
    HttpResult en = http.get("/api/fixed", "Accept-Language", "en");
    assertThat(en.xCache()).isEqualTo("MISS");
    assertThat(en.text()).isEqualTo("{\"lang\":\"en\"}");
    HttpResult deAgain = http.get("/api/fixed", "Accept-Language", "de");
    assertThat(deAgain.xCache()).isEqualTo("HIT");
    assertThat(deAgain.text()).isEqualTo("{\"lang\":\"de\"}");
    assertThat(upstream.total()).isEqualTo(2);
  }

  @Test
  void upstreamVaryIsHonouredInHonorMode() {
    HttpResult de = http.get("/api/honor", "Accept-Language", "de");
    assertThat(de.text()).isEqualTo("{\"lang\":\"de\"}");
    HttpResult en = http.get("/api/honor", "Accept-Language", "en");
    assertThat(en.text()).as("a German answer must not be served to an English request").isEqualTo("{\"lang\":\"en\"}");
    HttpResult deAgain = http.get("/api/honor", "Accept-Language", "de");
    assertThat(deAgain.text()).isEqualTo("{\"lang\":\"de\"}");
    assertThat(deAgain.xCache()).isEqualTo("HIT");
  }

  @Test
  void varyStarIsNotStored() {
    upstream.respond(r -> Reply.ok("{}").header("Cache-Control", "max-age=60").header("Vary", "*"));
    http.get("/api/star");
    assertThat(http.get("/api/star").xCache()).isNotEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(2);
  }

  /**
   * Requests that wait for another's fetch get its answer only if that answer fits them: with an
   * upstream {@code Vary} the first fetch of a cold key cannot know the variants yet, so a
   * collapsed request whose varied header differs must not get the other variant (RFC 9111 §4.1).
   */
  @Test
  void collapsedRequestsDoNotGetAnotherVariant() {
    upstream.respond(r -> Reply.ok("{\"lang\":\"" + r.header("Accept-Language") + "\"}")
        .header("Cache-Control", "max-age=60").header("Vary", "Accept-Language").delay(400));
    http.warmUp("/health/live", 2);
    var de = http.send(HttpMethod.GET, "/api/honor", TestHttp.headers("Accept-Language", "de"), null);
    Blocking.sleep(50);
    var en = http.send(HttpMethod.GET, "/api/honor", TestHttp.headers("Accept-Language", "en"), null);
    assertThat(Blocking.await(de).text()).isEqualTo("{\"lang\":\"de\"}");
    assertThat(Blocking.await(en).text()).isEqualTo("{\"lang\":\"en\"}");
  }

  /** The same for a route's own varyHeaders: there the key already differs, so no sharing. */
  @Test
  void routeVaryHeadersAreNeverCollapsedTogether() {
    upstream.respond(r -> Reply.ok("{\"lang\":\"" + r.header("Accept-Language") + "\"}").delay(300));
    http.warmUp("/health/live", 2);
    var de = http.send(HttpMethod.GET, "/api/fixed", TestHttp.headers("Accept-Language", "de"), null);
    var en = http.send(HttpMethod.GET, "/api/fixed", TestHttp.headers("Accept-Language", "en"), null);
    assertThat(Blocking.await(de).text()).isEqualTo("{\"lang\":\"de\"}");
    assertThat(Blocking.await(en).text()).isEqualTo("{\"lang\":\"en\"}");
  }
}

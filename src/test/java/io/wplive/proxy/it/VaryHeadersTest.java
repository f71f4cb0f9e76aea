package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
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
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §4: a client's own {@code Cache-Control: no-cache} / {@code Pragma} is honoured only in
 * honorCacheControl mode (a WordPress visitor's hard refresh must not hammer the upstream).
 */
class RequestDirectivesTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{}").header("Cache-Control", "max-age=60"));
    startProxy(config("""
        - name: fixed
          path: /api/fixed
          upstream: api
          upstreamPath: /fixed
          cache: {ttl: 60s}
        - name: honor
          path: /api/honor
          upstream: api
          upstreamPath: /honor
        """));
  }

  @Test
  void fixedTtlRouteIgnoresClientNoCache() {
    http.get("/api/fixed");
    assertThat(http.get("/api/fixed", "Cache-Control", "no-cache").xCache()).isEqualTo("HIT");
    assertThat(http.get("/api/fixed", "Pragma", "no-cache").xCache()).isEqualTo("HIT");
    assertThat(http.get("/api/fixed", "Cache-Control", "max-age=0").xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/fixed")).isEqualTo(1);
  }

  @Test
  void honorModeRouteRevalidatesOnClientNoCache() {
    http.get("/api/honor");
    assertThat(http.get("/api/honor").xCache()).isEqualTo("HIT");
    http.get("/api/honor", "Cache-Control", "no-cache");
    assertThat(upstream.count("/base/honor")).as("no-cache from the client goes to the origin").isEqualTo(2);
  }

  @Test
  void unknownRequestDirectivesAreIgnored() {
    http.get("/api/honor");
    assertThat(http.get("/api/honor", "Cache-Control", "x-made-up=1").xCache()).isEqualTo("HIT");
  }
}

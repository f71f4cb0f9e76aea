package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.Test;

/** SPEC §3 server.trustedProxies: only a trusted peer's X-Forwarded-* are believed and extended. */
class TrustedPeerForwardedForTest extends ProxyTestBase {
  private static final String ROUTES = """
      - name: shared
        path: /api/shared
        upstream: api
        upstreamPath: /shared
      """;

  @Test
  void trustedPeerForwardedForIsExtended() {
    upstream.reply(Reply.ok("{}"));
    startProxy(configWithServer("trustedProxies: [127.0.0.1/32]", ROUTES));
    http.get("/api/shared", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https",
        "X-Forwarded-Host", "shop.example.com");
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("shop.example.com");
  }

  @Test
  void untrustedPeerForwardedForIsReplaced() {
    upstream.reply(Reply.ok("{}"));
    startProxy(configWithServer("trustedProxies: [10.0.0.0/8]", ROUTES));
    http.get("/api/shared", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https");
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
  }
}

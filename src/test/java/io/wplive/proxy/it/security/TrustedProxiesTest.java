package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 / SPEC §3 server.trustedProxies: X-Forwarded-For is believed only from a trusted peer,
 * and the client IP it gives is what ipRateLimit counts. The test binds its sockets to 127.0.0.2
 * (the trusted "load balancer") or 127.0.0.1 (an untrusted direct client).
 */
class TrustedProxiesTest extends ProxyTestBase {
  static final String LB = "127.0.0.2";
  static final String DIRECT = "127.0.0.1";

  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    startProxy("""
        server: {host: 127.0.0.1, port: 0, trustedProxies: [127.0.0.2/32]}
        logging: {access: false}
        clients:
          ipRateLimit: {requests: 2, per: 60s}
        upstreams:
          api:
            baseUrl: ${UPSTREAM}/base
            timeout: 2s
        routes:
          - name: live
            path: /api/live
            upstream: api
            upstreamPath: /live
        """);
  }

  private HttpResult get(String from, String... headers) {
    return Wire.request(from, proxy.port(), "GET /api/live HTTP/1.1", headers);
  }

  @Test
  void xForwardedForFromAnUntrustedClientIsIgnored() {
    HttpResult r = get(DIRECT, "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https", "X-Real-IP: 203.0.113.8");
    assertThat(r.status()).isEqualTo(200);
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).as("the client's own claim is dropped").isEqualTo(DIRECT);
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(got.header("X-Real-IP")).isNull();
  }

  @Test
  void xForwardedForFromATrustedProxyIsKeptAndExtendedWithThePeer() {
    HttpResult r = get(LB, "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https");
    assertThat(r.status()).isEqualTo(200);
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("https");
    // each hop appends the address it received the request from: the load balancer's
    assertThat(got.header("X-Forwarded-For")).isEqualTo("203.0.113.7, " + LB);
  }

  @Test
  void theUntrustedClientCannotEscapeItsLimitByInventingAddresses() {
    assertThat(get(DIRECT, "X-Forwarded-For: 198.51.100.1").status()).isEqualTo(200);
    assertThat(get(DIRECT, "X-Forwarded-For: 198.51.100.2").status()).isEqualTo(200);
    HttpResult third = get(DIRECT, "X-Forwarded-For: 198.51.100.3");
    assertThat(third.status()).as("127.0.0.1 is limited whatever it claims: %s", third).isEqualTo(429);
    assertThat(third.error().getString("code")).isEqualTo("rate_limited");
    assertThat(get(DIRECT).status()).isEqualTo(429);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnLimit() {
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7").status()).isEqualTo(200);
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7").status()).isEqualTo(200);
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7").status()).as("third from 203.0.113.7").isEqualTo(429);
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.9").status()).as("another client behind the same proxy").isEqualTo(200);
    // the load balancer's own requests (no XFF) count as its own address
    assertThat(get(LB).status()).isEqualTo(200);
    // the direct client is a third, separate address
    assertThat(get(DIRECT, "X-Forwarded-For: 203.0.113.7").status()).isEqualTo(200);
  }

  @Test
  void aSpoofedLeftmostHopDoesNotChangeTheBelievedClient() {
    // the trusted proxy appends the real client (203.0.113.7) to whatever the client sent
    assertThat(get(LB, "X-Forwarded-For: 198.51.100.1, 203.0.113.7").status()).isEqualTo(200);
    assertThat(get(LB, "X-Forwarded-For: 198.51.100.2, 203.0.113.7").status()).isEqualTo(200);
    HttpResult r = get(LB, "X-Forwarded-For: 198.51.100.3, 203.0.113.7");
    assertThat(r.status()).as("the rightmost untrusted hop is the client: %s", r).isEqualTo(429);
  }

  @Test
  void trustedHopsOnTheRightAreSkipped() {
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7, 127.0.0.2").status()).isEqualTo(200);
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7").status()).isEqualTo(200);
    assertThat(get(LB, "X-Forwarded-For: 203.0.113.7, 127.0.0.2, 127.0.0.2").status())
        .as("same client 203.0.113.7 for the third time").isEqualTo(429);
  }
}

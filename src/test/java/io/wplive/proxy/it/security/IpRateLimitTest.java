package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 / SPEC §3 clients.ipRateLimit: keyless setups limit each client IP; over the limit is
 * 429 rate_limited with Retry-After and the RateLimit-* headers; cache hits count too. Clients
 * are told apart by binding 127.0.0.1 and 127.0.0.3. The window is long (60 s) so that a loaded
 * machine cannot refill the bucket between requests; the proxy's clock is moved to pass it.
 */
class IpRateLimitTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    startProxy(config("""
        clients:
          ipRateLimit: {requests: 3, per: 60s}
        """, "", """
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 600s}
        """));
  }

  private HttpResult get(String from) {
    return Wire.request(from, proxy.port(), "GET /api/items HTTP/1.1");
  }

  @Test
  void theFourthRequestFromOneAddressIs429() {
    for (int i = 1; i <= 3; i++) {
      HttpResult r = get("127.0.0.1");
      assertThat(r.status()).as("request %d: %s", i, r).isEqualTo(200);
      assertThat(r.header("RateLimit-Limit")).isEqualTo("3");
      assertThat(r.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
    }
    HttpResult r = get("127.0.0.1");
    assertThat(r.status()).as("answer %s", r).isEqualTo(429);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("rate_limited");
    assertThat(r.error().getString("route")).isEqualTo("items");
    long retryAfter = Long.parseLong(r.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    assertThat(r.header("RateLimit-Limit")).isEqualTo("3");
    assertThat(r.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isBetween(1L, 60L);
    assertThat(upstream.total()).as("two of the three were cache hits, and they counted").isEqualTo(1);
  }

  @Test
  void anotherAddressHasItsOwnBudget() {
    for (int i = 0; i < 4; i++) {
      get("127.0.0.1");
    }
    assertThat(get("127.0.0.1").status()).isEqualTo(429);
    assertThat(get("127.0.0.3").status()).isEqualTo(200);
  }

  @Test
  void theBudgetComesBackAfterTheWindow() {
    for (int i = 0; i < 3; i++) {
      assertThat(get("127.0.0.1").status()).isEqualTo(200);
    }
    assertThat(get("127.0.0.1").status()).isEqualTo(429);
    clock.advanceSeconds(21); // 3 per 60 s: one token every 20 s
    assertThat(get("127.0.0.1").status()).isEqualTo(200);
    assertThat(get("127.0.0.1").status()).isEqualTo(429);
  }

  @Test
  void healthIsNeverRateLimited() {
    for (int i = 0; i < 4; i++) {
      get("127.0.0.1");
    }
    assertThat(http.get("/health/live").status()).isEqualTo(200);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
  }
}

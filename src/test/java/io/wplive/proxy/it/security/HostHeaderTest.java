package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #8 / RFC 9112 §3.2: a request with more than one Host header is 400, as is an HTTP/1.1
 * request with none or one with an invalid value, and so (RFC 9110 §7.2) is one whose Host names another authority than its
 * absolute-form target. Front proxies and
 * caches disagree on which of two Hosts counts, which is how a request gets routed or keyed one
 * way and served another. The answer is the JSON error, the connection is closed, and nothing of
 * it (nor a request pipelined behind it) reaches an upstream.
 */
class HostHeaderTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    startProxy(config("""
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: live
          path: /api/live
          upstream: api
          upstreamPath: /live
        """));
  }

  private static void assertBadRequest(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
    assertThat(r.error().getString("message")).containsIgnoringCase("host");
  }

  /** Sends {@code request} (keep-alive, a second request pipelined behind it), expects a 400 and a close. */
  private void assertRefusedAndClosed(String request) {
    String pipelined = "GET /api/live?pipelined=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pipelined: yes\r\n\r\n";
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      w.send(request + pipelined);
      assertBadRequest(w.read());
      assertThat(w.closedWithin(3_000)).as("closed after the 400 (-1: still open)").isGreaterThanOrEqualTo(0);
    }
    for (Recorded r : upstream.requests()) {
      assertThat(r.header("X-Pipelined")).as("a request pipelined behind a refused one reached the upstream").isNull();
    }
    assertThat(upstream.total()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Host: 127.0.0.1\r\nHost: evil.example.com",
      "Host: evil.example.com\r\nHost: 127.0.0.1",
      "Host: 127.0.0.1\r\nHost: 127.0.0.1",
      "Host: 127.0.0.1\r\nX-Other: 1\r\nhost: 127.0.0.1",
      "HOST: 127.0.0.1\r\nHost: evil.example.com"})
  void twoHostHeadersAre400AndClose(String hosts) {
    assertRefusedAndClosed("GET /api/items HTTP/1.1\r\n" + hosts + "\r\n\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET http://evil.example.com/api/items HTTP/1.1\r\nHost: 127.0.0.1",
      "GET http://127.0.0.1:1/api/items HTTP/1.1\r\nHost: 127.0.0.1",
      "GET http://127.0.0.1/api/items HTTP/1.1\r\nHost: 127.0.0.1:8080",
      "GET https://127.0.0.1/api/items HTTP/1.1\r\nHost: 127.0.0.1:80",
      "GET http://user@evil.example.com/api/items HTTP/1.1\r\nHost: 127.0.0.1"})
  void aHostOtherThanTheAbsoluteFormAuthorityIs400AndCloses(String head) {
    assertRefusedAndClosed(head + "\r\n\r\n");
  }

  /** RFC 9112 §3.2: a server MUST answer 400 to an HTTP/1.1 request without Host; HTTP/1.0 may omit it. */
  @Test
  void anHttp11RequestWithoutHostIs400AndCloses() {
    assertRefusedAndClosed("GET /api/items HTTP/1.1\r\nX-Other: 1\r\n\r\n");
  }

  /** RFC 9112 §3.2: a Host with an invalid value is 400 too (caches and routers disagree on how to read one). */
  @ParameterizedTest
  @ValueSource(strings = {"evil.example.com/x", "user@evil.example.com", "a b", "127.0.0.1:80x", "[::1"})
  void anInvalidHostValueIs400AndCloses(String host) {
    assertRefusedAndClosed("GET /api/items HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
  }

  @Test
  void anHttp10RequestWithoutHostIsServed() {
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      assertThat(w.exchange("GET /api/items HTTP/1.0\r\n\r\n").status()).isEqualTo(200);
    }
  }

  @Test
  void aHostMatchingTheAbsoluteFormAuthorityIsStillNotProxied() {
    // SPEC §4: absolute-form is 404 whatever it names; matching Host spellings are not a 400
    for (String head : new String[] {
        "GET http://EVIL.example.com/api/items HTTP/1.1\r\nHost: evil.example.com",
        "GET http://evil.example.com:80/api/items HTTP/1.1\r\nHost: evil.example.com",
        "GET https://evil.example.com/api/items HTTP/1.1\r\nHost: evil.example.com:443",
        "GET http://[::1]:8080/api/items HTTP/1.1\r\nHost: [::1]:8080"}) {
      try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
        HttpResult r = w.exchange(head + "\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as("%s: %s", head, r).isEqualTo(404);
        assertThat(r.error().getString("code")).isEqualTo("route_not_found");
      }
    }
    assertThat(upstream.total()).isZero();
  }

  @Test
  void oneHostIsServedAndTheConnectionKeptAlive() {
    // control
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      assertThat(w.exchange("GET /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status()).isEqualTo(200);
      assertThat(w.exchange("GET /api/live HTTP/1.1\r\nHost: shop.example.com\r\n\r\n").status()).isEqualTo(200);
    }
    assertThat(upstream.total()).isEqualTo(2);
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "No open proxy": which client headers reach the upstream. */
class HeaderForwardingTest extends ProxyTestBase {
  private static final String[] HOP_BY_HOP = {
      "Connection: keep-alive, X-Hop-Secret",
      "X-Hop-Secret: hop-value",
      "Keep-Alive: timeout=5, max=100",
      "TE: trailers",
      "Upgrade: example/1",
      "Proxy-Authorization: Basic cHJveHk6cHc=",
      "X-Custom: end-to-end",
  };

  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{}"));
    startProxy(config("""
        - name: shared
          path: /api/shared
          upstream: api
          upstreamPath: /shared
        - name: fixed
          path: /api/fixed
          upstream: api
          upstreamPath: /fixed
          cache: {ttl: 60s}
        - name: personal
          path: /api/personal
          upstream: api
          upstreamPath: /personal
          forwardHeaders: [Authorization, Cookie]
          cache: {ttl: 60s}
        - name: write
          path: /api/write
          upstream: api
          upstreamPath: /write
          methods: [POST]
        """));
  }

  private static void assertNoHopByHop(MultiMap h) {
    assertThat(h.get("X-Hop-Secret")).as("header named in Connection").isNull();
    assertThat(h.get("Keep-Alive")).isNull();
    assertThat(h.get("TE")).isNull();
    assertThat(h.get("Upgrade")).isNull();
    assertThat(h.get("Proxy-Authorization")).isNull();
    String conn = h.get("Connection");
    if (conn != null) {
      assertThat(conn.toLowerCase()).doesNotContain("x-hop-secret");
    }
  }

  @Test
  void hopByHopHeadersAreNotForwardedOnACachingRoute() {
    // honorCacheControl route: end-to-end headers do go upstream (X-Custom proves it)
    HttpResult r = RawHttp.send(proxy.port(), "GET /api/shared HTTP/1.1", HOP_BY_HOP);
    assertThat(r.status()).isEqualTo(200);
    Recorded got = upstream.last();
    assertThat(got.header("X-Custom")).isEqualTo("end-to-end");
    assertNoHopByHop(got.headers());
  }

  @Test
  void hopByHopHeadersAreNotForwardedOnAWrite() {
    String body = "{\"a\":1}";
    StringBuilder req = new StringBuilder("POST /api/write HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : HOP_BY_HOP) {
      req.append(h).append("\r\n");
    }
    req.append("Content-Type: application/json\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
    HttpResult r = RawHttp.exchange(proxy.port(), req.toString().getBytes(StandardCharsets.ISO_8859_1));
    assertThat(r.status()).isEqualTo(200);
    Recorded got = upstream.last();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.bodyString()).isEqualTo(body);
    assertThat(got.header("X-Custom")).isEqualTo("end-to-end");
    assertNoHopByHop(got.headers());
  }

  @Test
  void credentialsAreNotForwardedByDefault() {
    http.get("/api/shared", "Cookie", "wordpress_logged_in=admin", "Authorization", "Bearer client-token",
        "X-Api-Key", "client-key", "X-Custom", "kept");
    Recorded got = upstream.last();
    assertThat(got.header("X-Custom")).isEqualTo("kept");
    assertThat(got.header("Cookie")).isNull();
    assertThat(got.header("Authorization")).isNull();
    assertThat(got.header("X-Api-Key")).isNull();
  }

  @Test
  void credentialsAreNotForwardedOnWritesEither() {
    http.post("/api/write", "{}", "Cookie", "sid=1", "Authorization", "Bearer t", "X-Api-Key", "k");
    Recorded got = upstream.last();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.header("Cookie")).isNull();
    assertThat(got.header("Authorization")).isNull();
    assertThat(got.header("X-Api-Key")).isNull();
  }

  @Test
  void listedCredentialsAreForwardedAndTheAnswerIsNotCached() {
    HttpResult first = http.get("/api/personal", "Authorization", "Bearer user-1", "Cookie", "sid=1");
    Recorded got = upstream.last();
    assertThat(got.header("Authorization")).isEqualTo("Bearer user-1");
    assertThat(got.header("Cookie")).isEqualTo("sid=1");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.xCache()).isEqualTo("BYPASS");
    assertThat(first.cacheStatus()).contains("fwd=bypass");

    HttpResult second = http.get("/api/personal", "Authorization", "Bearer user-2");
    assertThat(second.xCache()).isEqualTo("BYPASS");
    assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer user-2");
    assertThat(upstream.count("/base/personal")).isEqualTo(2);
  }

  @Test
  void withoutCredentialsTheSameRouteIsCached() {
    assertThat(http.get("/api/personal").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/personal").xCache()).isEqualTo("HIT");
    // a credentialed request never gets the shared entry either
    assertThat(http.get("/api/personal", "Authorization", "Bearer u").xCache()).isEqualTo("BYPASS");
  }

  @Test
  void forwardedHeadersAreSet() {
    http.get("/api/shared");
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + proxy.port());
    // the upstream's own Host, not the client's
    assertThat(got.header("Host")).isEqualTo("127.0.0.1:" + upstream.port());
  }

  /** On a cached fixed-ttl route the client's Host is unkeyed: it must not shape the shared entry. */
  @Test
  void aFixedTtlRouteDoesNotForwardTheClientsHost() {
    http.get("/api/fixed");
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(got.header("X-Forwarded-Host")).isNull();
  }

  @Test
  void spoofedForwardedForFromAnUntrustedClientIsReplaced() {
    http.get("/api/shared", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https");
    Recorded got = upstream.last();
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + proxy.port());
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
  }

  @Test
  void unkeyedHeadersDoNotReachTheUpstreamOnAFixedTtlRoute() {
    // they could change the answer without changing its key (cache poisoning)
    http.get("/api/fixed", "X-Custom", "poison", "Accept-Language", "de");
    Recorded got = upstream.last();
    assertThat(got.header("X-Custom")).isNull();
    assertThat(got.header("Accept-Language")).isNull();
  }

  private static Reply withHopByHopResponseHeaders() {
    return Reply.ok("{}")
        .header("Connection", "X-Internal-Hop")
        .header("X-Internal-Hop", "upstream-secret")
        .header("Keep-Alive", "timeout=5")
        .header("Proxy-Authenticate", "Basic realm=upstream")
        .header("X-End-To-End", "kept");
  }

  private static void assertNoHopByHopInAnswer(HttpResult r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("X-End-To-End")).as("control: end-to-end headers are relayed").isEqualTo("kept");
    assertThat(r.header("X-Internal-Hop")).isNull();
    assertThat(r.header("Proxy-Authenticate")).isNull();
    assertThat(r.header("Keep-Alive")).isNull();
  }

  @Test
  void hopByHopResponseHeadersAreNotRelayedFromTheCache() {
    upstream.reply("/base/fixed", withHopByHopResponseHeaders());
    assertNoHopByHopInAnswer(http.get("/api/fixed"));
    HttpResult hit = http.get("/api/fixed");
    assertThat(hit.xCache()).isEqualTo("HIT");
    assertNoHopByHopInAnswer(hit);
  }

  @Test
  void hopByHopResponseHeadersAreNotRelayedOnAWrite() {
    upstream.reply("/base/write", withHopByHopResponseHeaders());
    assertNoHopByHopInAnswer(http.post("/api/write", "{}"));
  }

  @Test
  void hopByHopResponseHeadersAreNotRelayedOnABypass() {
    upstream.reply("/base/personal", withHopByHopResponseHeaders());
    HttpResult r = http.get("/api/personal", "Authorization", "Bearer u");
    assertThat(r.xCache()).isEqualTo("BYPASS");
    assertNoHopByHopInAnswer(r);
  }
}

package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #8 / SPEC §4 "No open proxy": only configured routes reach only their configured upstream,
 * whatever the request line, Host or X-Forwarded-Host say; traversal in any encoding is 400 before
 * routing; CR/LF never reaches an upstream header; unkeyed request headers never shape a cached answer.
 *
 * <p>The upstream echoes what it saw (path, X-Forwarded-Host, Accept-Language, X-Injected) so a
 * poisoned cache entry would show in the body a later client gets. A second fake upstream, the
 * "decoy", is configured for one route only and must never be reached through another.
 */
class NoOpenProxyTest extends ProxyTestBase {
  private FakeUpstream decoy;

  @BeforeEach
  void start() {
    upstream.respond(r -> Reply.ok(new JsonObject()
        .put("path", r.path())
        .put("uri", r.uri())
        .put("xfh", r.header("X-Forwarded-Host"))
        .put("lang", r.header("Accept-Language"))
        .put("injected", r.header("X-Injected"))
        .encode()));
    decoy = new FakeUpstream().start();
    decoy.reply(Reply.ok("{\"decoy\":true}"));
    env.put("DECOY", decoy.url());
    startProxy("""
        server: {host: 127.0.0.1, port: 0}
        logging: {access: false}
        upstreams:
          api:
            baseUrl: ${UPSTREAM}/base
            timeout: 2s
          decoy:
            baseUrl: ${DECOY}/internal
            timeout: 2s
        routes:
          - name: items
            path: /api/items
            upstream: api
            upstreamPath: /items
            cache: {ttl: 60s}
          - name: product
            path: /api/products/:sku
            upstream: api
            upstreamPath: /products/:sku
            cache: {ttl: 60s}
          - name: files
            path: /api/files/*
            upstream: api
            upstreamPath: /files/*
            cache: {ttl: 60s}
          - name: live
            path: /api/live
            upstream: api
            upstreamPath: /live
          - name: write
            path: /api/write
            upstream: api
            upstreamPath: /write
            methods: [POST]
          - name: internal
            path: /internal/status
            upstream: decoy
            upstreamPath: /status
            cache: {ttl: 60s}
        """);
  }

  @AfterEach
  void stopDecoy() {
    decoy.close();
  }

  private HttpResult raw(String requestLine, String... headers) {
    return Wire.request(null, proxy.port(), requestLine, headers);
  }

  /** Every path the upstream saw is one a route maps to. */
  private void assertUpstreamSawOnlyConfiguredPaths() {
    for (Recorded r : upstream.requests()) {
      assertThat(r.path()).as("upstream path").matches("/base/(items|live|write|products/[^/]+|files/.*)");
      assertThat(r.path().split("/", -1)).as("segments of %s", r.path()).doesNotContain("..", ".");
      assertThat(r.path()).doesNotContain("%2f").doesNotContain("%2F").doesNotContain("\\");
    }
    assertThat(decoy.total()).as("the decoy upstream is only reachable through its own route").isZero();
  }

  private static void assertBadRequest(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
  }

  // ---- other upstreams ----

  @Test
  void absoluteFormNeverSelectsAnotherUpstream() {
    for (String target : List.of("http://evil.com/api/items", "http://127.0.0.1:" + decoy.port() + "/internal/status",
        "http://127.0.0.1:" + upstream.port() + "/base/secret", "https://evil.com:443/api/items", "//evil.com/api/items")) {
      HttpResult r = raw("GET " + target + " HTTP/1.1", "Host: evil.com");
      assertThat(r.status()).as("%s: %s", target, r).isIn(400, 404);
      assertThat(r.header("Content-Type")).startsWith("application/json");
    }
    assertThat(upstream.total()).isZero();
    assertUpstreamSawOnlyConfiguredPaths();
  }

  @Test
  void connectNeverTunnels() {
    for (String target : List.of("evil.com:443", "127.0.0.1:" + decoy.port(), "127.0.0.1:" + upstream.port())) {
      HttpResult r = raw("CONNECT " + target + " HTTP/1.1", "Host: " + target);
      assertThat(r.status()).as("%s: %s", target, r).isEqualTo(404);
      assertThat(r.error().getString("code")).isEqualTo("route_not_found");
    }
    assertThat(upstream.total()).isZero();
    assertThat(decoy.total()).isZero();
  }

  @Test
  void hostAndXForwardedHostNeverSelectAnotherUpstreamOrPath() {
    HttpResult a = raw("GET /api/live HTTP/1.1", "Host: evil.com");
    HttpResult b = raw("GET /api/live HTTP/1.1", "Host: 127.0.0.1:" + decoy.port());
    HttpResult c = raw("GET /api/live HTTP/1.1", "X-Forwarded-Host: evil.com");
    HttpResult d = raw("GET /api/live HTTP/1.1", "X-Forwarded-Host: 127.0.0.1:" + decoy.port(), "Forwarded: host=evil.com");
    HttpResult e = raw("GET /api/live HTTP/1.1", "X-Original-URL: /internal/status", "X-Rewrite-URL: /internal/status");
    for (HttpResult r : List.of(a, b, c, d, e)) {
      assertThat(r.status()).as("answer %s", r).isEqualTo(200);
      assertThat(r.json().getString("path")).isEqualTo("/base/live");
    }
    for (Recorded r : upstream.requests()) {
      assertThat(r.header("Host")).as("the upstream's own Host").isEqualTo("127.0.0.1:" + upstream.port());
      assertThat(r.header("Forwarded")).isNull();
    }
    assertThat(c.json().getString("xfh")).as("an untrusted client's X-Forwarded-Host is not believed").isNotEqualTo("evil.com");
    assertThat(d.json().getString("xfh")).isNotEqualTo("127.0.0.1:" + decoy.port());
    assertUpstreamSawOnlyConfiguredPaths();
  }

  // ---- traversal ----

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/files/../secret",
      "/api/files/a/../../secret",
      "/api/files/..",
      "/api/files/.",
      "/api/files/./x",
      "/api/files/%2e%2e/secret",
      "/api/files/%2E%2E/secret",
      "/api/files/.%2e/secret",
      "/api/files/%2e./secret",
      "/api/files/%252e%252e/secret",
      "/api/files/%25252e%25252e/secret",
      "/api/files/a%2fb",
      "/api/files/a%2Fb",
      "/api/files/a%252fb",
      "/api/files/..%2fsecret",
      "/api/files/%2e%2e%2fsecret",
      "/api/files/a%5cb",
      "/api/files/a%5Cb",
      "/api/files/..%5csecret",
      "/api/files/a%255cb",
      "/api/files/a\\b",
      "/api/files/..\\secret",
      "/api/files/%c0%ae%c0%ae/secret",
      "/api/files/%c0%af",
      "/api/files/%e0%80%ae%e0%80%ae/secret",
      "/api/files/%c1%9c",
      "/api/files/a;b",
      "/api/files/..;/secret",
      "/api/files/a%3bb",
      "/api/files/x%00y",
      "/api/files/x%0d%0ay",
      "/api/files/%u002e%u002e/secret",
      "/api/files/%",
      "/api/files/%zz",
      "/api/products/..",
      "/api/products/%2e%2e",
      "/api/products/%252e%252e",
      "/api/products/a%2fb",
      "/api/products/a%2F..%2Fsecret",
      "/api/products/a%5cb",
      "/api/products/%c0%ae%c0%ae",
      "/api/products/a;jsessionid=1",
      "/api/products/..;",
      "/api/products/a%0d%0aX-Injected:%20yes",
      "/api/products/a%00",
  })
  void traversalInAnyEncodingIs400WithoutAnUpstreamCall(String path) {
    HttpResult r = raw("GET " + path + " HTTP/1.1");
    assertBadRequest(r);
    assertThat(r.text()).doesNotContain("secret\":");
    assertThat(upstream.total()).as("upstream calls for %s", path).isZero();
  }

  @Test
  void safeLookalikesStillWork() {
    // control: dots inside a segment, encoded spaces and unicode are fine
    for (String path : List.of("/api/files/a.b/c..d", "/api/files/v1.2.3", "/api/products/a%20b", "/api/products/caf%C3%A9",
        "/api/files/...x")) {
      HttpResult r = raw("GET " + path + " HTTP/1.1");
      assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
    }
    assertUpstreamSawOnlyConfiguredPaths();
  }

  // ---- CR/LF ----

  @Test
  void crlfInAQueryParameterNeverBecomesAHeader() {
    List<HttpResult> answers = new ArrayList<>();
    answers.add(raw("GET /api/items?q=a%0d%0aX-Injected:%20yes HTTP/1.1"));
    answers.add(raw("GET /api/live?q=a%0D%0AX-Injected:%20yes%0d%0a%0d%0aGET%20/evil HTTP/1.1"));
    answers.add(raw("GET /api/live?q=%250d%250aX-Injected:%20yes HTTP/1.1"));
    answers.add(raw("GET /api/files/x?q=%0aX-Injected:%20yes HTTP/1.1"));
    for (HttpResult r : answers) {
      assertThat(r.status()).as("answer %s", r).isIn(200, 400);
      assertThat(r.header("X-Injected")).isNull();
    }
    for (Recorded r : upstream.requests()) {
      assertThat(r.header("X-Injected")).as("upstream request %s", r.uri()).isNull();
      assertThat(r.uri()).doesNotContain("\r").doesNotContain("\n");
    }
    assertThat(upstream.total()).isLessThanOrEqualTo((int) answers.stream().filter(a -> a.status() == 200).count());
    assertUpstreamSawOnlyConfiguredPaths();
  }

  @Test
  void crlfInHeaderValuesNeverSplitsAnUpstreamHeader() {
    // obsolete line folding: the continuation must not turn into a header of its own upstream
    HttpResult folded = Wire.request(null, proxy.port(), "GET /api/live HTTP/1.1", "X-Custom: a", " X-Injected: yes");
    assertThat(folded.status()).as("answer %s", folded).isIn(200, 400);
    HttpResult bareLf = rawBytes("GET /api/live HTTP/1.1\r\nHost: x\r\nX-Custom: a\nX-Injected: yes\r\nConnection: close\r\n\r\n");
    assertThat(bareLf.status()).isIn(200, 400);
    HttpResult bareCr = rawBytes("GET /api/live HTTP/1.1\r\nHost: x\r\nX-Custom: a\rX-Injected: yes\r\nConnection: close\r\n\r\n");
    assertThat(bareCr.status()).isIn(200, 400);
    HttpResult requestId = raw("GET /api/live HTTP/1.1", "X-Request-Id: abc%0d%0aX-Injected:%20yes");
    assertThat(requestId.status()).isEqualTo(200);
    assertThat(requestId.header("X-Request-Id")).doesNotContain("%0d").doesNotContain("\r");
    for (Recorded r : upstream.requests()) {
      for (Map.Entry<String, String> h : r.headers()) {
        assertThat(h.getValue()).as("upstream header %s", h.getKey()).doesNotContain("\r").doesNotContain("\n");
      }
    }
  }

  private HttpResult rawBytes(String request) {
    try (Wire w = Wire.connect(proxy.port())) {
      return w.exchange(request);
    }
  }

  // ---- request smuggling ----

  /**
   * RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked cannot be framed: 400 and
   * close. Accepting it (the body taken as empty, or chunked decoded under another final coding) lets
   * the body bytes be read as a second request on the connection, which a front proxy that frames the
   * request differently never saw: request smuggling.
   */
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "xchunked", "chunked;q=1", "chunked, gzip", "identity, chunked", "identity",
      "chunked, chunked", "chunk", "", "chunked\r\nTransfer-Encoding: gzip"})
  void aTransferEncodingOtherThanChunkedIs400AndClosesTheConnection(String te) {
    refusedAndClosed("Transfer-Encoding: " + te);
    for (Recorded r : upstream.requests()) {
      assertThat(r.header("X-Smuggled")).as("a smuggled request reached the upstream: %s", r.uri()).isNull();
    }
    assertThat(upstream.total()).as("nothing of a request that cannot be framed goes upstream").isZero();
  }

  /**
   * RFC 9112 §6.1: a request with both Content-Length and Transfer-Encoding may be read by the
   * chunked framing, but the connection must be closed after it, because a front proxy may have
   * taken the Content-Length and read the bytes after it as the next request. Refused here.
   */
  @ParameterizedTest
  @ValueSource(strings = {"Content-Length: 3\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: 3",
      "Content-Length: 12\r\nTransfer-Encoding: chunked", "Content-Length: 0\r\nTransfer-Encoding: chunked"})
  void aRequestWithBothContentLengthAndChunkedIs400AndClosesTheConnection(String framing) {
    HttpResult first = refusedAndClosed(framing);
    assertThat(first.text()).contains("Content-Length").contains("Transfer-Encoding");
    assertThat(upstream.total()).as("nothing of a request that two parties could frame differently goes upstream").isZero();
  }

  /**
   * Sends a POST with {@code framingLines} as its framing headers, a chunked body and a smuggled
   * request behind it; the answer must be a 400 and the connection closed after it, so the bytes
   * behind are never read as another request. Returns that answer.
   */
  private HttpResult refusedAndClosed(String framingLines) {
    String smuggled = "GET /api/live?smuggled=1 HTTP/1.1\r\nHost: x\r\nX-Smuggled: yes\r\n\r\n";
    String request = "POST /api/write HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n" + framingLines
        + "\r\n\r\n3\r\nabc\r\n0\r\n\r\n" + smuggled;
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      w.send(request);
      HttpResult first = w.read();
      assertThat(first.status()).as("%s → %s", framingLines, first).isEqualTo(400);
      assertThat(w.closedWithin(3_000)).as("the connection is closed after the 400 (-1: still open, the rest would be read "
          + "as another request)").isGreaterThanOrEqualTo(0);
      return first;
    }
  }

  @Test
  void contentLengthAloneStillWorksOnAKeptAliveConnection() {
    String request = "POST /api/write HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc";
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      assertThat(w.exchange(request).status()).isEqualTo(200);
      assertThat(w.exchange(request).status()).isEqualTo(200);
    }
    assertThat(upstream.total()).isEqualTo(2);
    assertThat(upstream.last().bodyString()).isEqualTo("abc");
  }

  @Test
  void chunkedStillWorks() {
    String request = "POST /api/write HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked"
        + "\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
    try (Wire w = Wire.connect(proxy.port())) {
      assertThat(w.exchange(request).status()).isEqualTo(200);
    }
    assertThat(upstream.last().bodyString()).isEqualTo("abc");
  }

  // ---- cache poisoning ----

  @Test
  void aClientsHostHeaderDoesNotShapeTheCachedAnswer() {
    HttpResult poisoned = raw("GET /api/items HTTP/1.1", "Host: evil.example.com");
    assertThat(poisoned.status()).isEqualTo(200);
    HttpResult victim = raw("GET /api/items HTTP/1.1", "Host: shop.example.com");
    assertThat(victim.status()).isEqualTo(200);
    assertThat(upstream.total()).isEqualTo(1);
    assertThat(victim.text()).as("a cached answer must not carry what one client's Host header made the upstream say")
        .doesNotContain("evil.example.com");
  }

  @Test
  void unkeyedXForwardedHostDoesNotPoisonTheCache() {
    HttpResult first = raw("GET /api/items HTTP/1.1", "X-Forwarded-Host: evil.example.com");
    HttpResult second = raw("GET /api/items HTTP/1.1");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(upstream.total()).isEqualTo(1);
    assertThat(second.text()).doesNotContain("evil.example.com");
  }

  @Test
  void unkeyedAcceptLanguageDoesNotPoisonTheCache() {
    HttpResult first = raw("GET /api/items HTTP/1.1", "Accept-Language: xx-POISON");
    HttpResult second = raw("GET /api/items HTTP/1.1", "Accept-Language: en");
    HttpResult third = raw("GET /api/items HTTP/1.1");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(third.text()).isEqualTo(first.text());
    assertThat(upstream.total()).isEqualTo(1);
    assertThat(upstream.last().header("Accept-Language")).as("not keyed, so not forwarded").isNull();
    assertThat(third.text()).doesNotContain("POISON");
  }

  @Test
  void unkeyedHeadersOnAPathParamRouteDoNotPoisonEither() {
    raw("GET /api/products/p1 HTTP/1.1", "X-Forwarded-Host: evil.example.com", "Accept-Language: xx-POISON",
        "X-Forwarded-Proto: gopher", "X-Original-URL: /internal/status");
    HttpResult clean = raw("GET /api/products/p1 HTTP/1.1");
    assertThat(clean.xCache()).isEqualTo("HIT");
    assertThat(clean.text()).doesNotContain("evil").doesNotContain("POISON").doesNotContain("internal");
    assertThat(decoy.total()).isZero();
  }
}

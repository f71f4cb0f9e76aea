package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §3/§4: request limits answer with the JSON error shape (414, 431, 400 too many params). */
class RequestLimitsTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{}"));
    startProxy(configWithServer("maxUriLength: 1KB, maxHeaderSize: 2KB, maxQueryParams: 3", """
        - name: search
          path: /api/search
          upstream: api
          upstreamPath: /search
          cache: {ttl: 60s}
        """));
  }

  private static void assertJsonError(HttpResult r, int status, String code) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getInteger("status")).isEqualTo(status);
    assertThat(r.error().getString("code")).isEqualTo(code);
  }

  @Test
  void tooLongUriIs414() {
    HttpResult r = RawHttp.send(proxy.port(), "GET /api/search?q=" + "a".repeat(2000) + " HTTP/1.1");
    assertJsonError(r, 414, "uri_too_long");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void tooLargeHeadersAre431() {
    HttpResult r = RawHttp.send(proxy.port(), "GET /api/search HTTP/1.1", "X-Big: " + "b".repeat(4000));
    assertJsonError(r, 431, "headers_too_large");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void tooManyQueryParametersIs400() {
    HttpResult r = http.get("/api/search?a=1&b=2&c=3&d=4");
    assertJsonError(r, 400, "bad_request");
    assertThat(upstream.total()).isZero();
    assertThat(http.get("/api/search?a=1&b=2&c=3").status()).isEqualTo(200);
  }

  @Test
  void garbageRequestLineIs400Json() {
    HttpResult r = RawHttp.send(proxy.port(), "THIS IS NOT HTTP");
    assertThat(r.status()).isEqualTo(400);
    assertThat(upstream.total()).isZero();
  }
}

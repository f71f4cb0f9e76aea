package io.wplive.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of {@link RequestFraming} on request heads, without a server. */
class RequestFramingTest {
  private static HttpRequest req(HttpVersion v, HttpMethod m, String uri, String... headers) {
    // no value validation: the decoder trims values, these tests also feed what it would not
    HttpRequest r = new DefaultHttpRequest(v, m, uri, DefaultHttpHeadersFactory.headersFactory().withValidation(false));
    for (int i = 0; i < headers.length; i += 2) {
      r.headers().add(headers[i], headers[i + 1]);
    }
    return r;
  }

  private static HttpRequest get(String... headers) {
    return req(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/items", headers);
  }

  @Test
  void ordinaryRequestsPass() {
    assertThat(RequestFraming.problem(get("Host", "a.example"))).isNull();
    assertThat(RequestFraming.problem(req(HttpVersion.HTTP_1_0, HttpMethod.GET, "/x"))).as("HTTP/1.0 may omit Host").isNull();
    assertThat(RequestFraming.problem(get("Host", "a", "Transfer-Encoding", "chunked"))).isNull();
    assertThat(RequestFraming.problem(get("Host", "a", "transfer-encoding", "Chunked"))).isNull();
    assertThat(RequestFraming.problem(get("Host", "a", "Transfer-Encoding", " chunked ,"))).as("empty list elements").isNull();
    assertThat(RequestFraming.problem(req(HttpVersion.HTTP_1_0, HttpMethod.GET, "/x", "Host", "a"))).isNull();
    assertThat(RequestFraming.problem(req(HttpVersion.HTTP_1_1, HttpMethod.CONNECT, "evil:443", "Host", "other:443")))
        .as("CONNECT is refused by routing, not here").isNull();
    assertThat(RequestFraming.problem(req(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "*", "Host", "a"))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "xchunked", "chunked;q=1", "chunked, gzip", "identity, chunked", "identity",
      "chunked, chunked", "chunk", "", " , "})
  void anyTransferEncodingButChunkedIsRefused(String te) {
    assertThat(RequestFraming.problem(get("Host", "a", "Transfer-Encoding", te))).contains("Transfer-Encoding");
  }

  @Test
  void transferEncodingLinesCountTogether() {
    assertThat(RequestFraming.problem(get("Transfer-Encoding", "chunked", "Transfer-Encoding", "gzip"))).isNotNull();
    assertThat(RequestFraming.problem(get("Transfer-Encoding", "chunked", "Transfer-Encoding", ""))).isNotNull();
    assertThat(RequestFraming.problem(get("Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/1.00", "HTTP/1.01", "HTTP/1.2", "HTTP/2.0"})
  void versionsOtherThanExactlyHttp10Or11AreRefused(String version) {
    HttpRequest r = req(HttpVersion.valueOf(version), HttpMethod.POST, "/x", "Transfer-Encoding", "chunked", "Content-Length", "5");
    assertThat(RequestFraming.problem(r)).contains("unsupported HTTP version");
  }

  @Test
  void transferEncodingOnHttp10IsRefused() {
    assertThat(RequestFraming.problem(req(HttpVersion.HTTP_1_0, HttpMethod.POST, "/x", "Transfer-Encoding", "chunked")))
        .contains("HTTP/1.0");
  }

  @Test
  void twoHostsAreRefused() {
    assertThat(RequestFraming.problem(get("Host", "a", "Host", "b"))).contains("Host");
    assertThat(RequestFraming.problem(get("Host", "a", "host", "a"))).contains("Host");
  }

  @Test
  void hostMustNameTheAbsoluteFormAuthority() {
    HttpVersion v = HttpVersion.HTTP_1_1;
    HttpMethod m = HttpMethod.GET;
    assertThat(RequestFraming.problem(req(v, m, "http://a.example/x", "Host", "b.example"))).contains("Host");
    assertThat(RequestFraming.problem(req(v, m, "http://a.example:81/x", "Host", "a.example"))).isNotNull();
    assertThat(RequestFraming.problem(req(v, m, "http://a.example:zz/x", "Host", "a.example:zz"))).isNotNull();
    assertThat(RequestFraming.problem(req(v, m, "http://u:p@b.example/x", "Host", "a.example"))).isNotNull();
    assertThat(RequestFraming.problem(req(v, m, "http://A.example/x?q#f", "Host", "a.EXAMPLE"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://a.example:80/x", "Host", "a.example"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://a.example/x", "Host", "a.example:80"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "https://a.example/x", "Host", "a.example:443"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://a.example?q", "Host", "a.example"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://[::1]:8080/x", "Host", "[::1]:8080"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://[::1]/x", "Host", "[::1]:8080"))).isNotNull();
    assertThat(RequestFraming.problem(req(v, m, "http://u@a.example/x", "Host", "a.example"))).isNull();
    assertThat(RequestFraming.problem(req(v, m, "http://a.example/x")))
        .as("RFC 9112 §3.2: an HTTP/1.1 request needs a Host even with an absolute-form target").contains("Host");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.example", "a.example:8080", "A-b.example.", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8080",
      "[fe80::1%25eth0]", "xn--bcher-kva.example", "a%2Db.example", "a.example:", "localhost"})
  void validHostValuesPass(String host) {
    assertThat(RequestFraming.validHost(host)).isTrue();
    assertThat(RequestFraming.problem(get("Host", host))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b", "a/b", "a@b", "a.example:80a", "a.example:80:81", "[::1", "[::1]x", "[::1]:a", "a\\b",
      "a%zz", "a%2", "bücher.example", "a\"b", "a<b>", "http://a.example"})
  void invalidHostValuesAreRefused(String host) {
    assertThat(RequestFraming.validHost(host)).as(host).isFalse();
    assertThat(RequestFraming.problem(get("Host", host))).contains("not a valid host");
  }

  @Test
  void anHttp11RequestWithoutHostIsRefused() {
    assertThat(RequestFraming.problem(get())).isEqualTo("an HTTP/1.1 request needs a Host header");
  }
}

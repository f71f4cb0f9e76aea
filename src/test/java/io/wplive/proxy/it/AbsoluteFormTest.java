package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "No open proxy": absolute-form and CONNECT requests never reach an upstream. */
class AbsoluteFormTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"secret\":\"internal\"}"));
    startProxy(config("""
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: everything
          path: /open/*
          upstream: api
          upstreamPath: /*
          methods: ["*"]
          cache: {ttl: 60s}
        """));
  }

  private static void assertRouteNotFound(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(404);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("route_not_found");
    assertThat(r.error().getValue("route")).isNull();
    assertThat(r.text()).doesNotContain("internal");
  }

  @Test
  void absoluteFormToTheUpstreamIs404() {
    HttpResult r = RawHttp.send(proxy.port(), "GET http://127.0.0.1:" + upstream.port() + "/base/items HTTP/1.1",
        "Host: 127.0.0.1:" + upstream.port());
    assertRouteNotFound(r);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void absoluteFormWhosePathIsARouteIs404Too() {
    HttpResult r = RawHttp.send(proxy.port(), "GET http://127.0.0.1:" + proxy.port() + "/api/items HTTP/1.1");
    assertRouteNotFound(r);
    HttpResult wildcard = RawHttp.send(proxy.port(), "GET http://example.com/open/anything HTTP/1.1",
        "Host: example.com");
    assertRouteNotFound(wildcard);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void connectIs404() {
    HttpResult r = RawHttp.send(proxy.port(), "CONNECT 127.0.0.1:" + upstream.port() + " HTTP/1.1",
        "Host: 127.0.0.1:" + upstream.port());
    assertRouteNotFound(r);
    HttpResult tls = RawHttp.send(proxy.port(), "CONNECT example.com:443 HTTP/1.1", "Host: example.com:443");
    assertRouteNotFound(tls);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void connectOnACatchAllRouteIs404NotTunnelled() {
    HttpResult r = RawHttp.send(proxy.port(), "CONNECT /open/x HTTP/1.1");
    assertThat(r.status()).isIn(404, 405);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void originFormOfTheSameRouteWorks() {
    // control: the route itself is fine, so the 404s above are about the request form
    HttpResult r = RawHttp.send(proxy.port(), "GET /api/items HTTP/1.1");
    assertThat(r.status()).isEqualTo(200);
    assertThat(upstream.total()).isEqualTo(1);
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3/§4: path params substituted percent-encoded, `/*` rests appended, one key per spelling. */
class PathParamsTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{}"));
    startProxy(config("""
        - name: item
          path: /api/items/:id
          upstream: api
          upstreamPath: /v2/item/:id/detail
          cache: {ttl: 60s}
        - name: files
          path: /api/files/*
          upstream: api
          upstreamPath: /store/*
          cache: {ttl: 60s}
        """));
  }

  @Test
  void paramIsSubstitutedIntoTheUpstreamPath() {
    http.get("/api/items/A-100");
    assertThat(upstream.last().path()).isEqualTo("/base/v2/item/A-100/detail");
  }

  @Test
  void encodedParamStaysEncodedAndSharesTheKeyWithItsOtherSpelling() {
    http.get("/api/items/oak%20table");
    assertThat(upstream.last().uri()).isEqualTo("/base/v2/item/oak%20table/detail");
    assertThat(http.get("/api/items/%6Fak%20table").xCache()).isEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(1);
  }

  @Test
  void nonAsciiParamIsForwardedAsUtf8PercentEncoding() {
    http.get("/api/items/caf%C3%A9");
    assertThat(upstream.last().uri()).isEqualTo("/base/v2/item/caf%C3%A9/detail");
  }

  @Test
  void wildcardRestIsAppended() {
    http.get("/api/files/2026/11/report.json");
    assertThat(upstream.last().path()).isEqualTo("/base/store/2026/11/report.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/files/a/../../admin",
      "/api/files/a/%2e%2e/%2e%2e/admin",
      "/api/files/..%2fadmin",
      "/api/files/a;jsessionid=1",
      "/api/items/%FF",
      "/api/items/%C0%AE%C0%AE",
      "/api/items/a%00b",
  })
  void unsafeSpellingsAre400(String path) {
    HttpResult r = RawHttp.send(proxy.port(), "GET " + path + " HTTP/1.1");
    assertThat(r.status()).as("answer to %s: %s", path, r).isEqualTo(400);
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
    assertThat(upstream.total()).isZero();
  }
}

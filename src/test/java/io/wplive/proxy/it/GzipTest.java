package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "Compression": a stored gzip copy for bodies of 1 KB or more, identity otherwise. */
class GzipTest extends ProxyTestBase {
  private static final String BIG = bigJson();
  private static final String SMALL = "{\"small\":true}";

  private static String bigJson() {
    JsonArray items = new JsonArray();
    for (int i = 0; i < 60; i++) {
      items.add(new JsonObject().put("sku", "A-" + (100 + i)).put("title", "Oak table number " + i).put("price", 349.0 + i));
    }
    String s = new JsonObject().put("products", items).encode();
    assertThat(s.length()).isGreaterThan(2048);
    return s;
  }

  @BeforeEach
  void start() {
    upstream.reply("/base/big", Reply.ok(BIG));
    upstream.reply("/base/small", Reply.ok(SMALL));
    upstream.reply("/base/zipped", Reply.ok(BIG).gzipWhenAsked());
    startProxy(config("""
        - name: big
          path: /api/big
          upstream: api
          upstreamPath: /big
          cache: {ttl: 60s}
        - name: small
          path: /api/small
          upstream: api
          upstreamPath: /small
          cache: {ttl: 60s}
        - name: zipped
          path: /api/zipped
          upstream: api
          upstreamPath: /zipped
          cache: {ttl: 60s}
        """));
  }

  private static void assertGzipped(HttpResult r) {
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.header("Vary")).containsIgnoringCase("Accept-Encoding");
    assertThat(r.body().length()).isLessThan(BIG.length());
    assertThat(r.gunzipped()).isEqualTo(BIG);
  }

  @Test
  void gzipForClientsThatAcceptIt() {
    HttpResult miss = http.get("/api/big", "Accept-Encoding", "gzip");
    assertThat(miss.xCache()).isEqualTo("MISS");
    assertGzipped(miss);
    HttpResult hit = http.get("/api/big", "Accept-Encoding", "gzip, deflate, br");
    assertThat(hit.xCache()).isEqualTo("HIT");
    assertGzipped(hit);
    if (hit.header("Content-Length") != null) {
      assertThat(Integer.parseInt(hit.header("Content-Length"))).isEqualTo(hit.body().length());
    }
  }

  @Test
  void identityWithoutAcceptEncoding() {
    http.get("/api/big", "Accept-Encoding", "gzip");
    HttpResult r = http.get("/api/big");
    assertThat(r.xCache()).isEqualTo("HIT");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.text()).isEqualTo(BIG);
    assertThat(r.header("Vary")).containsIgnoringCase("Accept-Encoding");
  }

  @Test
  void identityWhenGzipIsRefused() {
    http.get("/api/big");
    HttpResult r = http.get("/api/big", "Accept-Encoding", "gzip;q=0, identity");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.text()).isEqualTo(BIG);
  }

  @Test
  void bothVariantsShareOneEntry() {
    http.get("/api/big", "Accept-Encoding", "gzip");
    http.get("/api/big");
    http.get("/api/big", "Accept-Encoding", "gzip");
    assertThat(upstream.count("/base/big")).isEqualTo(1);
  }

  @Test
  void smallBodiesAreNotCompressed() {
    HttpResult r = http.get("/api/small", "Accept-Encoding", "gzip");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.text()).isEqualTo(SMALL);
    assertThat(http.get("/api/small", "Accept-Encoding", "gzip").header("Content-Encoding")).isNull();
  }

  @Test
  void headOfAGzippedEntryHasNoBody() {
    http.get("/api/big", "Accept-Encoding", "gzip");
    HttpResult r = http.head("/api/big", "Accept-Encoding", "gzip");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.body().length()).isZero();
  }

  @Test
  void theProxyAsksUpstreamsForGzipAndStoresIdentity() {
    HttpResult identity = http.get("/api/zipped");
    assertThat(upstream.last().header("Accept-Encoding")).contains("gzip");
    assertThat(identity.header("Content-Encoding")).isNull();
    assertThat(identity.text()).isEqualTo(BIG);
    HttpResult gz = http.get("/api/zipped", "Accept-Encoding", "gzip");
    assertThat(gz.xCache()).isEqualTo("HIT");
    assertGzipped(gz);
  }

  @Test
  void clientAcceptEncodingIsNotWhatDecidesTheUpstreamEncoding() {
    // a client asking for brotli only must not get bytes it cannot read from the cache
    http.get("/api/zipped", "Accept-Encoding", "gzip");
    HttpResult r = http.get("/api/zipped", "Accept-Encoding", "br");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.text()).isEqualTo(BIG);
  }
}

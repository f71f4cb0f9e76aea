package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.RawHttp;
import io.wplive.proxy.support.TestHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "Writes": forwarded with their body, never cached, invalidating after a 2xx. */
class WriteRoutesTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.respond(r -> r.method().equals("GET")
        ? Reply.ok("{\"read\":\"" + r.path() + "\"}")
        : Reply.status(201, "{\"written\":" + r.bodyString() + "}"));
    startProxy(configWithServer("maxRequestBody: 1KB", """
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        - name: item
          path: /api/items/:id
          upstream: api
          upstreamPath: /items/:id
          methods: [GET, POST, PUT, DELETE]
          cache: {ttl: 60s}
          invalidates: [items]
        - name: other
          path: /api/other
          upstream: api
          upstreamPath: /other
          cache: {ttl: 60s}
        """));
  }

  @Test
  void postIsForwardedWithItsBodyAndNotCached() {
    String body = "{\"qty\":3}";
    HttpResult r = http.post("/api/items/7", body, "Content-Type", "application/json");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.text()).isEqualTo("{\"written\":" + body + "}");
    assertThat(r.xCache()).isEqualTo("BYPASS");
    assertThat(r.cacheStatus()).contains("fwd=method");
    Recorded got = upstream.last();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/base/items/7");
    assertThat(got.bodyString()).isEqualTo(body);
    assertThat(got.header("Content-Type")).isEqualTo("application/json");

    http.post("/api/items/7", body, "Content-Type", "application/json");
    assertThat(upstream.total()).as("never answered from a cache").isEqualTo(2);
  }

  @Test
  void putAndDeleteAreForwardedToo() {
    HttpResult put = http.request(HttpMethod.PUT, "/api/items/7", TestHttp.headers("Content-Type", "application/json"),
        Buffer.buffer("{\"qty\":1}"));
    assertThat(put.status()).isEqualTo(201);
    assertThat(upstream.last().method()).isEqualTo("PUT");
    assertThat(upstream.last().bodyString()).isEqualTo("{\"qty\":1}");
    HttpResult del = http.request(HttpMethod.DELETE, "/api/items/7", null, null);
    assertThat(del.status()).isEqualTo(201);
    assertThat(upstream.last().method()).isEqualTo("DELETE");
  }

  @Test
  void successfulWriteInvalidatesTheListedRoute() {
    assertThat(http.get("/api/items").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/items").xCache()).isEqualTo("HIT");
    assertThat(http.get("/api/other").xCache()).isEqualTo("MISS");

    assertThat(http.post("/api/items/7", "{}").status()).isEqualTo(201);

    assertThat(http.get("/api/items").xCache()).as("purged by the write").isEqualTo("MISS");
    assertThat(http.get("/api/other").xCache()).as("not listed: untouched").isEqualTo("HIT");
    assertThat(upstream.count("/base/items")).isEqualTo(2);
  }

  @Test
  void successfulWriteInvalidatesTheSameUri() {
    assertThat(http.get("/api/items/7").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/items/8").xCache()).isEqualTo("MISS");
    http.post("/api/items/7", "{}");
    assertThat(http.get("/api/items/7").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/items/8").xCache()).isEqualTo("HIT");
  }

  @Test
  void failedWriteInvalidatesNothing() {
    http.get("/api/items");
    upstream.respond(r -> r.method().equals("GET") ? Reply.ok("{}") : Reply.status(422, "{\"error\":\"qty\"}"));
    HttpResult w = http.post("/api/items/7", "{}");
    assertThat(w.status()).isEqualTo(422);
    assertThat(w.text()).isEqualTo("{\"error\":\"qty\"}");
    assertThat(http.get("/api/items").xCache()).isEqualTo("HIT");
  }

  @Test
  void bodyOverMaxRequestBodyIs413AndNotForwarded() {
    String big = "{\"blob\":\"" + "x".repeat(2000) + "\"}";
    HttpResult r = http.post("/api/items/7", big, "Content-Type", "application/json");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("payload_too_large");
    assertThat(r.error().getString("route")).isEqualTo("item");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void chunkedBodyOverMaxRequestBodyIs413Too() {
    String chunk = "x".repeat(600);
    String req = "POST /api/items/7 HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        + "Content-Type: application/json\r\nConnection: close\r\n\r\n"
        + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n"
        + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
    HttpResult r = RawHttp.exchange(proxy.port(), req.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error().getString("code")).isEqualTo("payload_too_large");
    assertThat(upstream.total()).isZero();
  }

  @Test
  void bodyJustUnderTheLimitIsForwarded() {
    String ok = "x".repeat(1000);
    assertThat(http.post("/api/items/7", ok).status()).isEqualTo(201);
    assertThat(upstream.last().bodyString()).isEqualTo(ok);
  }
}

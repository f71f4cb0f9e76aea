package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.GarbageServer;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPEC §4 errors: an upstream that answers garbage or breaks off is a 502 upstream_error, never a 500. */
class UpstreamGarbageTest extends ProxyTestBase {
  private GarbageServer garbage;

  @AfterEach
  void closeGarbage() {
    if (garbage != null) {
      garbage.close();
    }
  }

  private void startWith(String answer) {
    garbage = new GarbageServer(answer);
    env.put("GARBAGE", garbage.url());
    startProxy(config("""
        - name: junk
          path: /api/junk
          upstream: junk
          upstreamPath: /junk
          cache: {ttl: 60s}
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        """).replace("upstreams:\n", """
        upstreams:
          junk:
            baseUrl: ${GARBAGE}
            timeout: 1s
        """));
  }

  private static void assert502(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(502);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    assertThat(r.error().getString("route")).isEqualTo("junk");
  }

  @Test
  void notHttpAtAll() {
    startWith("SSH-2.0-OpenSSH_9.6\r\n");
    HttpResult r = http.get("/api/junk");
    assert502(r);
    assertThat(r.text()).doesNotContain("OpenSSH");
    assertThat(garbage.connections()).isPositive();
  }

  @Test
  void closedWithoutAnswer() {
    startWith("");
    assert502(http.get("/api/junk"));
  }

  @Test
  void bodyShorterThanItsContentLength() {
    startWith("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"partial\":");
    HttpResult r = http.get("/api/junk");
    assert502(r);
    assertThat(r.text()).doesNotContain("partial");
    // and nothing truncated was stored
    assert502(http.get("/api/junk"));
  }

  @Test
  void connectionClosedByAFakeUpstreamMidRequest() {
    upstream.reply("/base/items", Reply.ok("{}").delay(100).closeConnection());
    startWith("");
    HttpResult r = http.get("/api/items");
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
  }
}

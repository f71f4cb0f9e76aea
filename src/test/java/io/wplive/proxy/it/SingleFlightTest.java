package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #2: concurrent requests for one cold key cause exactly one upstream request. */
class SingleFlightTest extends ProxyTestBase {
  private static final String BODY = "{\"slow\":true}";

  private static String routes() {
    return """
        - name: slow
          path: /api/slow
          upstream: api
          upstreamPath: /slow
          cache: {ttl: 60s}
        """;
  }

  @Test
  void hundredConcurrentRequestsOneUpstreamCall() {
    upstream.reply("/base/slow", Reply.ok(BODY).delay(500));
    startProxy(config(routes()));
    runHundred();
  }

  /** The same across event loops: four listeners on one (fixed, free) port. */
  @Test
  void coalescesAcrossEventLoops() {
    upstream.reply("/base/slow", Reply.ok(BODY).delay(500));
    startProxy(configWithServer("port: " + Blocking.freePort(), routes()), 4);
    runHundred();
  }

  private void runHundred() {
    // open the connections first, so the 100 requests reach the proxy well inside the 500 ms
    http.warmUp("/health/live", 100);
    List<HttpResult> answers = http.concurrentGets("/api/slow", 100);

    assertThat(upstream.count("/base/slow")).isEqualTo(1);
    assertThat(answers).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo(BODY);
    });
    long collapsed = answers.stream().filter(r -> r.cacheStatus().contains("collapsed")).count();
    long leaders = answers.stream().filter(r -> !r.cacheStatus().contains("collapsed")).count();
    assertThat(leaders).as("exactly one request led the fetch").isEqualTo(1);
    assertThat(collapsed).isEqualTo(99);
    assertThat(answers).allSatisfy(r -> {
      assertThat(r.xCache()).isEqualTo("MISS");
      assertThat(r.cacheStatus()).contains("fwd=uri-miss; fwd-status=200; stored");
    });
    // and afterwards it is simply a hit
    assertThat(http.get("/api/slow").xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/slow")).isEqualTo(1);
  }

  @Test
  void waitersShareAFailureToo() {
    upstream.reply("/base/slow", Reply.status(500, "<html>boom</html>").header("Content-Type", "text/html").delay(300));
    startProxy(config(routes()));
    http.warmUp("/health/live", 20);
    List<HttpResult> answers = http.concurrentGets("/api/slow", 20);
    assertThat(upstream.count("/base/slow")).isEqualTo(1);
    assertThat(answers).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    });
  }

  @Test
  void differentKeysAreNotCoalesced() {
    upstream.reply(Reply.ok(BODY).delay(200));
    startProxy(config("""
        - name: slow
          path: /api/slow/:id
          upstream: api
          upstreamPath: /slow/:id
          cache: {ttl: 60s}
        """));
    List<io.vertx.core.Future<HttpResult>> fs = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(http.send(io.vertx.core.http.HttpMethod.GET, "/api/slow/" + i, null, null));
    }
    Blocking.await(io.vertx.core.Future.all(fs));
    assertThat(upstream.total()).isEqualTo(5);
  }
}

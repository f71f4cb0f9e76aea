package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.support.Prometheus;
import io.wplive.proxy.support.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

  private final Promise<Void> allArrived = Promise.promise();

  @Test
  void hundredConcurrentRequestsOneUpstreamCall() {
    upstream.reply("/base/slow", Reply.ok(BODY).delay(500).holdUntil(allArrived.future()));
    startProxy(config(routes()));
    runHundred();
  }

  /** The same across event loops: four listeners on one (fixed, free) port. */
  @Test
  void coalescesAcrossEventLoops() {
    upstream.reply("/base/slow", Reply.ok(BODY).delay(500).holdUntil(allArrived.future()));
    startProxy(configWithServer("port: " + Blocking.freePort(), routes()), 4);
    runHundred();
  }

  private void runHundred() {
    // open the connections first, so the 100 requests reach the proxy well inside the 500 ms
    http.warmUp("/health/live", 100);
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fs.add(http.send(HttpMethod.GET, "/api/slow", null, null));
    }
    // on a loaded machine, hold the upstream's answer (500 ms at least) until all 100 have
    // looked into the cache, so none of them can arrive after the fetch and be a plain hit
    awaitMemoryMisses(100, Duration.ofSeconds(5));
    allArrived.tryComplete();
    Blocking.await(Future.join(fs), 20, TimeUnit.SECONDS);
    List<HttpResult> answers = fs.stream().map(Future::result).toList();

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

  /** Waits until the proxy counted {@code n} memory-tier misses (requests that found no entry). */
  private void awaitMemoryMisses(int n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    try (TestHttp probe = new TestHttp(proxy.port())) {
      while (System.nanoTime() < deadline) {
        Double misses = Prometheus.parse(probe.get("/metrics").text())
            .value("wplp_cache_lookups_total", "tier", "memory", "result", "miss");
        if (misses != null && misses >= n) {
          return;
        }
        Blocking.sleep(20);
      }
    }
    throw new AssertionError("the proxy did not see " + n + " requests within " + max);
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
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(http.send(HttpMethod.GET, "/api/slow/" + i, null, null));
    }
    Blocking.await(Future.all(fs));
    assertThat(upstream.total()).isEqualTo(5);
  }
}

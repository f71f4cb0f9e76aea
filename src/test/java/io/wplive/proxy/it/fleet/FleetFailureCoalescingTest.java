package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: when the upstream answers the one fetch of the fleet with a failure (a 5xx, a 429),
 * that answer is the fleet's: the requests waiting on the other instance get the same error
 * answer, relayed answer or stale copy as the requests of the instance that fetched, and the
 * upstream is not asked again by each instance in turn.
 */
class FleetFailureCoalescingTest extends FleetTestBase {
  private static final int REQUESTS = 40;

  /** 40 concurrent requests for {@code path}, half on each instance; every answer is checked. */
  private void burst(Config c, String path, Consumer<HttpResult> check) {
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    burst(a, b, path, check);
  }

  private void burst(ProxyFixture a, ProxyFixture b, String path, Consumer<HttpResult> check) {
    a.http().warmUp("/health/live", 20);
    b.http().warmUp("/health/live", 20);
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      fs.add(get(i % 2 == 0 ? a : b, path));
    }
    for (HttpResult r : collect(fs, Duration.ofSeconds(20))) {
      check.accept(r);
    }
  }

  @Test
  void a5xxIsFetchedOnceAndEveryInstanceAnswersTheJsonError() {
    upstream.reply(Reply.status(500, "<html>oops</html>").header("Content-Type", "text/html").delay(500));
    burst(config().route("items", "{ttl: 60s}"), "/api/items/1", r -> {
      assertJsonError(r, 502, "upstream_error");
      assertThat(r.cacheStatus()).as("%s", r).contains("fwd-status=500");
      assertThat(r.text()).doesNotContain("oops");
    });
    report("%d concurrent requests answered 500 upstream: upstream saw %d", REQUESTS, upstream.total());
    assertThat(upstream.total()).as("upstream requests for one failing key across the fleet").isEqualTo(1);
  }

  @Test
  void aRelayed5xxIsFetchedOnceAndEveryInstanceRelaysIt() {
    upstream.reply(Reply.status(503, "{\"maintenance\":true}").delay(500));
    Config c = config().routes(route("items", "{ttl: 60s}") + "    errors: relay\n");
    burst(c, "/api/items/1", r -> {
      assertThat(r.status()).as("%s", r).isEqualTo(503);
      assertThat(r.text()).isEqualTo("{\"maintenance\":true}");
      assertThat(r.header("Cache-Control")).as("%s", r).contains("no-store");
    });
    report("%d concurrent requests, relayed 503: upstream saw %d", REQUESTS, upstream.total());
    assertThat(upstream.total()).as("upstream requests for one failing key across the fleet").isEqualTo(1);
  }

  @Test
  void aRateLimitIsFetchedOnceAndEveryInstanceAnswersWithRetryAfter() {
    upstream.reply(Reply.status(429, "{\"slow\":\"down\"}").header("Retry-After", "30").delay(500));
    burst(config().route("items", "{ttl: 60s}"), "/api/items/1", r -> {
      assertJsonError(r, 503, "upstream_rate_limited");
      assertThat(retryAfter(r)).as("%s", r).isBetween(1L, 30L);
    });
    report("%d concurrent requests answered 429 upstream: upstream saw %d", REQUESTS, upstream.total());
    assertThat(upstream.total()).as("upstream requests for one rate-limited key across the fleet").isEqualTo(1);
  }

  /**
   * Every waiting request holds a stale copy (B's from Redis): the shared failure makes each of
   * them answer stale-if-error, decided per request as on one instance.
   */
  @Test
  void aFailedRefreshIsFetchedOnceAndEveryInstanceServesItsStaleCopy() {
    upstream.reply("/base/stock/1", Reply.ok("{\"stock\":7}"));
    Config c = config().route("stock", "{ttl: 1s, staleIfError: 1h}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    assertThat(a.http().get("/api/stock/1").xCache()).isEqualTo("MISS");
    upstream.reply("/base/stock/1", Reply.status(500, "{\"error\":\"db down\"}").delay(500));
    clock.advance(1_500);
    burst(a, b, "/api/stock/1", r -> {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.text()).isEqualTo("{\"stock\":7}");
      assertThat(r.xCache()).isEqualTo("STALE");
      assertThat(r.cacheStatus()).contains("detail=stale-if-error").contains("fwd-status=500");
    });
    report("%d concurrent requests on a stale entry, upstream 500: upstream saw %d (1 to prime)", REQUESTS, upstream.total());
    assertThat(upstream.count("/base/stock/1")).as("the prime, then one refresh for the fleet").isEqualTo(2);
  }
}

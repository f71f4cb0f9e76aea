package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Mode;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #2 / SPEC §4 "Freshness" on the memory tier: stale-if-error, stale-while-revalidate
 * and conditional revalidation. The injected clock is moved forward instead of sleeping.
 */
class StaleServingTest extends ProxyTestBase {
  private static final String PRIMED = "{\"stock\":7}";
  private static final String NEWER = "{\"stock\":3}";

  private void start(String cache) {
    startProxy(config("""
        - name: stock
          path: /api/stock
          upstream: api
          upstreamPath: /stock
          cache: %s
        """.formatted(cache)));
  }

  private void startWithTimeout(String cache, String timeout) {
    startProxy(config("", "", """
        - name: stock
          path: /api/stock
          upstream: api
          upstreamPath: /stock
          cache: %s
        """.formatted(cache)).replace("timeout: 2s", "timeout: " + timeout));
  }

  private void prime() {
    upstream.reply("/base/stock", Reply.ok(PRIMED));
    HttpResult r = http.get("/api/stock");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.xCache()).isEqualTo("MISS");
  }

  private static void assertStaleIfError(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(r.text()).isEqualTo(PRIMED);
    assertThat(r.xCache()).isEqualTo("STALE");
    assertThat(r.header("Cache-Control")).as("browsers must not keep a stale answer").isEqualTo("max-age=0");
    assertThat(Long.parseLong(r.header("Age"))).isGreaterThanOrEqualTo(2);
    assertThat(r.cacheStatus()).startsWith("wp-live-proxy;").contains("fwd=stale").contains("detail=stale-if-error");
  }

  @Test
  void staleIfErrorWhenTheUpstreamAnswers500() {
    start("{ttl: 1s, staleIfError: 1h}");
    prime();
    upstream.reply("/base/stock", Reply.status(500, "<html>down</html>").header("Content-Type", "text/html"));
    clock.advance(2_000);
    HttpResult r = http.get("/api/stock");
    assertStaleIfError(r);
    assertThat(r.cacheStatus()).contains("fwd-status=500");
    assertThat(r.cacheStatus()).containsPattern("ttl=-\\d+");
    assertThat(upstream.count("/base/stock")).isEqualTo(2);
  }

  @Test
  void staleIfErrorWhenTheUpstreamIsDown() {
    start("{ttl: 1s, staleIfError: 1h}");
    prime();
    upstream.mode(Mode.DOWN);
    clock.advance(2_000);
    assertStaleIfError(http.get("/api/stock"));
  }

  @Test
  void staleIfErrorWhenTheUpstreamTimesOut() {
    startWithTimeout("{ttl: 1s, staleIfError: 1h}", "500ms");
    prime();
    upstream.reply("/base/stock", Reply.ok(NEWER).delay(1_500));
    clock.advance(2_000);
    assertStaleIfError(http.get("/api/stock"));
  }

  @Test
  void staleIfErrorWhenTheUpstreamRateLimits() {
    start("{ttl: 1s, staleIfError: 1h}");
    prime();
    upstream.reply("/base/stock", Reply.status(429, "{}").header("Retry-After", "30"));
    clock.advance(2_000);
    HttpResult r = http.get("/api/stock");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo(PRIMED);
    assertThat(r.xCache()).isEqualTo("STALE");
  }

  @Test
  void withoutStaleIfErrorTheFailureIsAnError() {
    start("{ttl: 1s}");
    prime();
    upstream.reply("/base/stock", Reply.status(500, "{}"));
    clock.advance(2_000);
    HttpResult r = http.get("/api/stock");
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
  }

  @Test
  void pastTheStaleIfErrorWindowTheFailureIsAnError() {
    start("{ttl: 1s, staleIfError: 10s}");
    prime();
    upstream.reply("/base/stock", Reply.status(500, "{}"));
    clock.advance(12_000);
    assertThat(http.get("/api/stock").status()).isEqualTo(502);
  }

  @Test
  void staleWhileRevalidateAnswersAtOnceAndRefreshesOnce() {
    start("{ttl: 1s, staleWhileRevalidate: 30s}");
    prime();
    upstream.reply("/base/stock", Reply.ok(NEWER).delay(1_500));
    clock.advance(2_000);

    HttpResult stale = http.get("/api/stock");
    assertThat(stale.status()).isEqualTo(200);
    assertThat(stale.text()).isEqualTo(PRIMED);
    assertThat(stale.xCache()).isEqualTo("STALE");
    assertThat(stale.cacheStatus()).contains("hit").contains("detail=stale-while-revalidate").containsPattern("ttl=-\\d+");
    assertThat(stale.millis()).as("served without waiting for the 1.5 s upstream").isLessThan(1_000);

    // more requests while the refresh runs: still stale, no second refresh
    List<HttpResult> more = http.concurrentGets("/api/stock", 10);
    assertThat(more).allSatisfy(r -> {
      assertThat(r.text()).isEqualTo(PRIMED);
      assertThat(r.xCache()).isEqualTo("STALE");
    });
    upstream.awaitTotal(2, java.time.Duration.ofSeconds(2));
    assertThat(upstream.count("/base/stock")).as("prime + one refresh while 11 requests were served stale").isEqualTo(2);

    HttpResult fresh = awaitHit();
    assertThat(fresh.text()).isEqualTo(NEWER);
    assertThat(upstream.count("/base/stock")).as("prime + exactly one background refresh").isEqualTo(2);
  }

  /** Polls until the refreshed entry is served as a fresh hit. */
  private HttpResult awaitHit() {
    long deadline = System.currentTimeMillis() + 5_000;
    while (true) {
      HttpResult r = http.get("/api/stock");
      if ("HIT".equals(r.xCache())) {
        return r;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("never became a hit; last answer " + r);
      }
      Blocking.sleep(50);
    }
  }

  @Test
  void conditionalRevalidationRenewsTheEntryWithoutABody() {
    start("{ttl: 1s, staleIfError: 1h}");
    upstream.respond(req -> "\"v1\"".equals(req.header("If-None-Match"))
        ? Reply.status(304, "").header("ETag", "\"v1\"").noHeader("Content-Type")
        : Reply.ok(PRIMED).header("ETag", "\"v1\""));
    HttpResult first = http.get("/api/stock");
    assertThat(first.header("ETag")).isEqualTo("\"v1\"");
    clock.advance(2_000);

    HttpResult renewed = http.get("/api/stock");
    assertThat(renewed.status()).isEqualTo(200);
    assertThat(renewed.text()).isEqualTo(PRIMED);
    assertThat(renewed.xCache()).isEqualTo("HIT");
    assertThat(renewed.cacheStatus()).contains("fwd=stale; fwd-status=304");
    List<Recorded> seen = upstream.requests();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).header("If-None-Match")).isNull();
    assertThat(seen.get(1).header("If-None-Match")).isEqualTo("\"v1\"");

    // renewed: fresh again without another upstream call
    assertThat(http.get("/api/stock").xCache()).isEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(2);
  }

  @Test
  void conditionalRevalidationWithLastModified() {
    start("{ttl: 1s, staleIfError: 1h}");
    String lm = "Wed, 21 Oct 2026 07:28:00 GMT";
    upstream.respond(req -> lm.equals(req.header("If-Modified-Since"))
        ? Reply.status(304, "").noHeader("Content-Type")
        : Reply.ok(PRIMED).header("Last-Modified", lm));
    http.get("/api/stock");
    clock.advance(2_000);
    HttpResult renewed = http.get("/api/stock");
    assertThat(renewed.text()).isEqualTo(PRIMED);
    assertThat(renewed.cacheStatus()).contains("fwd-status=304");
    assertThat(upstream.last().header("If-Modified-Since")).isEqualTo(lm);
  }

  /**
   * SPEC §4: "Entries with an ETag or Last-Modified are revalidated with a conditional request".
   * No stale window is configured here, so the entry must still be kept past its freshness for
   * the conditional request to be possible.
   */
  @Test
  void entryWithAValidatorIsRevalidatedEvenWithoutStaleWindows() {
    start("{ttl: 1s}");
    upstream.respond(req -> "\"v1\"".equals(req.header("If-None-Match"))
        ? Reply.status(304, "").header("ETag", "\"v1\"").noHeader("Content-Type")
        : Reply.ok(PRIMED).header("ETag", "\"v1\""));
    http.get("/api/stock");
    clock.advance(2_000);
    HttpResult renewed = http.get("/api/stock");
    assertThat(renewed.text()).isEqualTo(PRIMED);
    assertThat(upstream.last().header("If-None-Match")).as("a conditional request").isEqualTo("\"v1\"");
    assertThat(renewed.cacheStatus()).contains("fwd=stale; fwd-status=304");
  }

  @Test
  void changedContentOnRevalidationReplacesTheEntry() {
    start("{ttl: 1s, staleIfError: 1h}");
    upstream.reply("/base/stock", Reply.ok(PRIMED).header("ETag", "\"v1\""));
    http.get("/api/stock");
    upstream.reply("/base/stock", Reply.ok(NEWER).header("ETag", "\"v2\""));
    clock.advance(2_000);
    HttpResult r = http.get("/api/stock");
    assertThat(r.text()).isEqualTo(NEWER);
    assertThat(r.header("ETag")).isEqualTo("\"v2\"");
    assertThat(http.get("/api/stock").xCache()).isEqualTo("HIT");
  }

  @Test
  void failedBackgroundRefreshKeepsTheStaleEntry() {
    start("{ttl: 1s, staleWhileRevalidate: 30s}");
    prime();
    upstream.reply("/base/stock", Reply.status(500, "{}"));
    clock.advance(2_000);
    assertThat(http.get("/api/stock").xCache()).isEqualTo("STALE");
    upstream.awaitTotal(2, java.time.Duration.ofSeconds(2));
    Blocking.sleep(200); // the failed refresh has come back
    HttpResult again = http.get("/api/stock");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text()).isEqualTo(PRIMED);
    assertThat(again.xCache()).isEqualTo("STALE");
  }
}

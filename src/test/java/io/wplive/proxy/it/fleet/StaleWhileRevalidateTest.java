package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 / SPEC §4: inside {@code staleWhileRevalidate} the stale entry is served at once and
 * one background refresh per key runs, for the whole fleet.
 */
class StaleWhileRevalidateTest extends FleetTestBase {
  private static final long UPSTREAM_DELAY = 800;
  /**
   * SPEC: "at once". 100 ms is the target; measured 12-25 ms with the machine to itself, up to
   * 400 ms at a load average of 15-18 on its 2 cores. Anything under the 800 ms upstream delay
   * still proves that no stale answer waited for the refresh.
   */
  private static final long AT_ONCE_MS = 500;

  private final AtomicReference<String> body = new AtomicReference<>("{\"v\":1}");

  private ProxyFixture[] startTwo() {
    upstream.respond(r -> Reply.ok(body.get()).delay(UPSTREAM_DELAY));
    Config c = config().route("items", "{ttl: 1s, staleWhileRevalidate: 30s}");
    return new ProxyFixture[] {startInstance(c), startInstance(c)};
  }

  @Test
  void twentyConcurrentStaleRequestsAreAnsweredAtOnceWithOneRefresh() {
    ProxyFixture[] ab = startTwo();
    ProxyFixture a = ab[0];
    ProxyFixture b = ab[1];
    HttpResult prime = a.http().get("/api/items/1");
    assertThat(prime.xCache()).isEqualTo("MISS");
    assertThat(upstream.total()).isEqualTo(1);
    body.set("{\"v\":2}");
    clock.advance(1_500); // stale, inside the 30 s window
    a.http().warmUp("/health/live", 10); // connections open: the burst measures the proxy, not TCP set-up
    b.http().warmUp("/health/live", 10);

    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/1"));
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(10));
    long max = 0;
    long sum = 0;
    for (HttpResult r : answers) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.xCache()).as("%s", r).isEqualTo("STALE");
      assertThat(r.text()).isEqualTo("{\"v\":1}");
      assertThat(r.cacheStatus()).contains("detail=stale-while-revalidate").containsPattern("ttl=-\\d+");
      max = Math.max(max, r.millis());
      sum += r.millis();
    }
    report("20 stale answers (10 on A, 10 on B from Redis): max %d ms, mean %d ms (upstream delay %d ms)",
        max, sum / answers.size(), UPSTREAM_DELAY);
    assertThat(max).as("slowest stale answer, ms").isLessThan(AT_ONCE_MS);

    // the refresh lands; then wait out one more upstream delay to see that no second refresh starts
    long waited = awaitTrue(() -> a.http().get("/api/items/1").text().equals("{\"v\":2}"), Duration.ofSeconds(5),
        "the refreshed entry on A");
    // B's refresh (a waiter polling Redis every 20 ms, or the one that fetched) leaves B with the new entry too
    long waitedB = awaitTrue(() -> b.http().get("/api/items/1").text().equals("{\"v\":2}"), Duration.ofSeconds(1),
        "the refreshed entry on B");
    HttpResult onB = b.http().get("/api/items/1");
    assertThat(onB.xCache()).as("%s", onB).isEqualTo("HIT");
    report("B had the refreshed entry %d ms after A", waitedB);
    Blocking.sleep(UPSTREAM_DELAY + 400); // time for a second refresh to show up, if one had started
    report("refreshed entry served on A %d ms after the burst; upstream saw %d requests in all", waited, upstream.total());
    assertThat(upstream.total()).as("upstream requests: the prime plus exactly one background refresh").isEqualTo(2);
  }

  /**
   * Both instances hold the entry in memory. A serves it stale and refreshes it (into Redis).
   * When B's stale copy is asked for afterwards, the fleet already has a fresh one: B should
   * not call the upstream a second time ("one background refresh per key", and the budget of a
   * rate-limited API is the fleet's).
   */
  @Test
  void aRefreshDoneByOneInstanceSparesTheOthersAnUpstreamCall() {
    ProxyFixture[] ab = startTwo();
    ProxyFixture a = ab[0];
    ProxyFixture b = ab[1];
    assertThat(a.http().get("/api/items/1").xCache()).isEqualTo("MISS");
    assertThat(b.http().get("/api/items/1").xCache()).isEqualTo("HIT"); // B's memory copy now
    body.set("{\"v\":2}");
    clock.advance(1_500);

    assertThat(a.http().get("/api/items/1").xCache()).isEqualTo("STALE");
    awaitTrue(() -> a.http().get("/api/items/1").text().equals("{\"v\":2}"), Duration.ofSeconds(5), "A refreshed");
    // A's refresh is over: the entry is in Redis and A released the key's fetch lock
    awaitTrue(() -> RedisPeek.keys(redis().url(), keyPrefix + "l:*").isEmpty(), Duration.ofSeconds(3), "lock released");
    assertThat(upstream.total()).isEqualTo(2);

    HttpResult onB = b.http().get("/api/items/1");
    Blocking.sleep(UPSTREAM_DELAY + 400);
    report("B after A's refresh: %s / %s; upstream total %d", onB.xCache(), onB.cacheStatus(), upstream.total());
    assertThat(upstream.total()).as("upstream requests after B's request (B's stale memory copy vs the fresh one in Redis)")
        .isEqualTo(2);
  }
}

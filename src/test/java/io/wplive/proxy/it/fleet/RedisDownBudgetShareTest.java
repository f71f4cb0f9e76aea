package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §4: "while Redis is unreachable each instance uses the budget divided by the
 * number of instances it last saw alive, so the fleet stays inside the budget." A and B front
 * the same API through two fake upstreams, so each instance's share can be counted.
 */
class RedisDownBudgetShareTest extends FleetTestBase {
  private static final int RATE = 10;
  private static final int BURST = 10;
  private static final long HAMMER_MS = 2_000;
  private static final int PER_INSTANCE_PER_SECOND = 50;

  @Test
  void eachInstanceTakesItsShareWhileRedisIsDown() {
    RedisFixture local = useLocalRedis();
    FakeUpstream forB = closeLater(new FakeUpstream().start());
    upstream.respond(r -> Reply.ok("{\"via\":\"A\"}"));
    forB.respond(r -> Reply.ok("{\"via\":\"B\"}"));
    String budget = "rateLimit: {requests: " + RATE + ", per: 1s, burst: " + BURST + "}";
    ProxyFixture a = startInstance(config().commandTimeout("500ms").upstream(budget).route("items", "{ttl: 60s}"));
    ProxyFixture b = startInstance(config().commandTimeout("500ms").upstreamUrl(forB.url()).upstream(budget).route("items", "{ttl: 60s}"));
    awaitFleetSize(a, 2);
    awaitFleetSize(b, 2);
    report("both instances saw 2 alive; killing Redis %s", local.url());

    local.kill();
    long start = System.nanoTime();
    List<Future<HttpResult>> fs = new ArrayList<>();
    int total = (int) (PER_INSTANCE_PER_SECOND * 2 * HAMMER_MS / 1000);
    for (int i = 0; i < total; i++) {
      long due = start + i * HAMMER_MS * 1_000_000 / total;
      long sleep = (due - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Blocking.sleep(sleep);
      }
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/k" + i)); // every key distinct: no cache help
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(20));
    double elapsed = (System.nanoTime() - start) / 1e9;
    int viaA = upstream.total();
    int viaB = forB.total();

    Map<String, Integer> outcomes = new TreeMap<>();
    for (HttpResult r : answers) {
      if (r.status() == 200) {
        outcomes.merge("200", 1, Integer::sum);
      } else {
        assertJsonError(r, 503, "upstream_rate_limited");
        retryAfter(r);
        outcomes.merge("503 upstream_rate_limited", 1, Integer::sum);
      }
    }
    double share = BURST / 2.0 + RATE / 2.0 * elapsed;
    report("Redis down, %d requests in %.2f s: upstream calls A %d, B %d (each may take %.1f; together %.1f); outcomes %s",
        total, elapsed, viaA, viaB, share, BURST + RATE * elapsed, outcomes);
    assertThat((double) (viaA + viaB)).as("fleet upstream calls vs budget × elapsed + burst")
        .isLessThanOrEqualTo(RATE * elapsed + BURST);
    assertThat((double) viaA).as("A's calls vs half the budget").isLessThanOrEqualTo(share + 1);
    assertThat((double) viaB).as("B's calls vs half the budget").isLessThanOrEqualTo(share + 1);
    assertThat(viaA).as("A used its share").isGreaterThanOrEqualTo(BURST / 2);
    assertThat(viaB).as("B used its share").isGreaterThanOrEqualTo(BURST / 2);
  }

  /**
   * The fleet spends its whole burst through Redis, then Redis dies. Each instance now takes its
   * share locally, but the budget was just spent: the fleet should not get a fresh burst out of
   * the outage ("so the fleet stays inside the budget"). Budget 2 per 10 s, burst 2.
   */
  @Test
  void aRedisOutageDoesNotHandTheFleetAFreshBurst() {
    RedisFixture local = useLocalRedis();
    FakeUpstream forB = closeLater(new FakeUpstream().start());
    upstream.respond(r -> Reply.ok("{\"via\":\"A\"}"));
    forB.respond(r -> Reply.ok("{\"via\":\"B\"}"));
    String budget = "rateLimit: {requests: 2, per: 10s, burst: 2}";
    ProxyFixture a = startInstance(config().commandTimeout("500ms").upstream(budget).route("items", "{ttl: 60s}"));
    ProxyFixture b = startInstance(config().commandTimeout("500ms").upstreamUrl(forB.url()).upstream(budget)
        .route("items", "{ttl: 60s}"));
    awaitFleetSize(a, 2);
    awaitFleetSize(b, 2);

    long start = System.nanoTime();
    assertThat(a.http().get("/api/items/1").status()).isEqualTo(200);
    assertThat(b.http().get("/api/items/2").status()).isEqualTo(200);
    assertJsonError(a.http().get("/api/items/3"), 503, "upstream_rate_limited"); // the shared burst is spent
    assertJsonError(b.http().get("/api/items/4"), 503, "upstream_rate_limited");

    local.kill();
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 5; i < 25; i++) {
      HttpResult r = (i % 2 == 0 ? a : b).http().get("/api/items/" + i);
      outcomes.merge(Integer.toString(r.status()), 1, Integer::sum);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    int calls = upstream.total() + forB.total();
    double allowed = 2 + 0.2 * elapsed;
    report("burst spent through Redis, then Redis killed: upstream calls %d in %.2f s (budget allows %.2f); after the kill %s",
        calls, elapsed, allowed, outcomes);
    assertThat((double) calls).as("fleet upstream calls vs burst + rate × elapsed, across the outage").isLessThanOrEqualTo(allowed);
  }
}

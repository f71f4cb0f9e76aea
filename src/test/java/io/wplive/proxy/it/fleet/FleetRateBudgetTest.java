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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §4 "Upstream rate limits": the outbound budget is one token bucket per upstream
 * shared through Redis by all instances, so the fleet as a whole stays inside it.
 */
class FleetRateBudgetTest extends FleetTestBase {
  private static final int RATE = 5;
  private static final int BURST = 5;
  private static final int REQUESTS = 200;
  private static final int KEYS = 40;
  private static final long SPREAD_MS = 2_000;

  @Test
  void twoInstancesTogetherStayInsideOneBudget() {
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}").delay(20));
    Config c = config()
        .upstream("rateLimit: {requests: " + RATE + ", per: 1s, burst: " + BURST + "}")
        .route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);

    long start = System.nanoTime();
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      long due = start + i * SPREAD_MS * 1_000_000 / REQUESTS;
      long sleep = (due - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Blocking.sleep(sleep);
      }
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/k" + (i % KEYS)));
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(20));
    double elapsed = (System.nanoTime() - start) / 1e9;
    int upstreamCalls = upstream.total();

    Map<String, Integer> outcomes = new TreeMap<>();
    for (HttpResult r : answers) {
      String kind;
      if (r.status() == 200) {
        kind = "200 " + r.xCache();
      } else if (r.status() == 503 && "upstream_rate_limited".equals(r.error().getString("code"))) {
        retryAfter(r);
        kind = "503 upstream_rate_limited";
      } else {
        throw new AssertionError("an answer that is neither 200 nor 503 upstream_rate_limited: " + r);
      }
      outcomes.merge(kind, 1, Integer::sum);
    }
    double allowed = BURST + RATE * elapsed;
    report("%d requests over %d keys in %.2f s on 2 instances: upstream saw %d (budget allows %.1f); outcomes %s",
        REQUESTS, KEYS, elapsed, upstreamCalls, allowed, outcomes);
    assertThat((double) upstreamCalls).as("upstream requests vs burst + rate × elapsed").isLessThanOrEqualTo(allowed);
    assertThat(upstreamCalls).as("the budget was used").isGreaterThanOrEqualTo(BURST);
    assertThat(outcomes).as("some requests were over the budget").containsKey("503 upstream_rate_limited");
  }

  @Test
  void staleCopiesAreServedWhenTheFleetIsOverBudget() {
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    Config c = config()
        .upstream("rateLimit: {requests: 2, per: 1s, burst: 2}")
        .route("items", "{ttl: 1s, staleIfError: 1h}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    assertThat(a.http().get("/api/items/p1").xCache()).isEqualTo("MISS");
    assertThat(b.http().get("/api/items/p2").xCache()).isEqualTo("MISS"); // the two tokens of the burst are gone
    clock.advance(1_500); // both stale
    int before = upstream.total();
    // well over the budget: every answer is a stale copy or a refusal, and the upstream sees at most the refill
    long start = System.nanoTime();
    int stale = 0;
    for (int i = 0; i < 20; i++) {
      HttpResult r = (i % 2 == 0 ? a : b).http().get("/api/items/p" + (1 + i % 2));
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      if ("STALE".equals(r.xCache())) {
        stale++;
        assertThat(r.cacheStatus()).contains("detail=rate-limited");
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    report("over budget: %d of 20 answers stale, upstream +%d in %.2f s", stale, upstream.total() - before, elapsed);
    assertThat(stale).isGreaterThan(0);
    assertThat((double) (upstream.total() - before)).isLessThanOrEqualTo(2 * elapsed + 2);
  }
}

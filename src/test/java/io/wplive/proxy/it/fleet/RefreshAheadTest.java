package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: a hit in the last 10 % of an entry's ttl triggers one background refresh, so a key
 * that is asked for steadily never goes stale. Real time (ttl 2 s), a client every 100 ms.
 */
class RefreshAheadTest extends FleetTestBase {
  private static final long TTL_MS = 2_000;
  private static final long RUN_MS = 4_600;

  @Test
  void aSteadilyRequestedKeyIsRefreshedAheadAndNeverGoesStale() {
    List<Long> upstreamAt = new CopyOnWriteArrayList<>();
    AtomicInteger version = new AtomicInteger();
    upstream.respond(r -> {
      upstreamAt.add(System.nanoTime());
      return Reply.ok("{\"v\":" + version.incrementAndGet() + "}").delay(20); // lands well inside the 200 ms window
    });
    ProxyFixture a = startInstance(config().route("items", "{ttl: 2s}"));

    HttpResult prime = a.http().get("/api/items/hot");
    assertThat(prime.xCache()).isEqualTo("MISS");
    a.http().warmUp("/health/live", 4);
    // a client every 100 ms, at a fixed rate (not waiting for answers), so no 200 ms window is skipped
    long start = System.nanoTime();
    List<Future<HttpResult>> sent = new ArrayList<>();
    List<Long> sentAtMs = new ArrayList<>();
    for (int i = 0; i * 100L < RUN_MS; i++) {
      long sleep = (start + i * 100_000_000L - System.nanoTime()) / 1_000_000;
      if (sleep > 0) {
        Blocking.sleep(sleep);
      }
      sentAtMs.add((System.nanoTime() - start) / 1_000_000);
      sent.add(get(a, "/api/items/hot"));
    }
    List<HttpResult> answers = collect(sent, java.time.Duration.ofSeconds(10));
    int requests = answers.size();
    List<String> notHits = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResult r = answers.get(i);
      assertThat(r.status()).isEqualTo(200);
      if (!"HIT".equals(r.xCache()) || r.cacheStatus().contains("ttl=-")) {
        notHits.add(String.format("sent at %d ms: %s %s", sentAtMs.get(i), r.xCache(), r.cacheStatus()));
      }
    }
    Blocking.sleep(300); // let a refresh that is in flight land
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < upstreamAt.size(); i++) {
      gaps.add((upstreamAt.get(i) - upstreamAt.get(i - 1)) / 1_000_000);
    }
    report("%d hits over %d ms, ttl %d ms: upstream calls %d (1 prime + %d refreshes), gaps between them %s ms; not hits: %s",
        requests, RUN_MS, TTL_MS, upstreamAt.size(), upstreamAt.size() - 1, gaps, notHits);
    assertThat(notHits).as("answers that were not fresh hits").isEmpty();
    assertThat(upstreamAt.size() - 1).as("background refreshes in %d ms", RUN_MS).isBetween(2, 3);
    for (long gap : gaps) {
      // a refresh only in the last 10 % of the ttl (1.8 s after the previous store), one per cycle
      assertThat(gap).as("time between upstream calls, ms").isBetween(TTL_MS * 9 / 10 - 50, TTL_MS + 200);
    }
  }
}

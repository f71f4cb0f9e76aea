package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 4: the instance holding a key's fetch lock dies mid-fetch. The lock expires on its own
 * (ttl = upstream timeout + 1 s) and a waiting instance takes over; nobody waits past its
 * deadline. A and B front the same API through two fake upstreams (same base path, hence the
 * same cache key), so the test can make A's fetch hang and count who fetched what.
 */
class LockOwnerDeathTest extends FleetTestBase {
  private static final long TIMEOUT_MS = 1_000;
  private static final long DEADLINE_MS = TIMEOUT_MS * 2 + 2_000;

  private FakeUpstream hanging;

  private ProxyFixture[] start(String serverExtra) {
    hanging = closeLater(new FakeUpstream().start());
    hanging.reply(Reply.ok("{\"from\":\"A\"}").delay(10_000));
    upstream.reply(Reply.ok("{\"from\":\"B\"}"));
    Config ca = config().timeout("1s").upstreamUrl(hanging.url()).route("items", "{ttl: 60s}");
    Config cb = config().timeout("1s").route("items", "{ttl: 60s}");
    if (serverExtra != null) {
      ca.server(serverExtra);
    }
    return new ProxyFixture[] {startInstance(ca), startInstance(cb)};
  }

  private List<Future<HttpResult>> fiveOnB(ProxyFixture b) {
    List<Future<HttpResult>> onB = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      onB.add(get(b, "/api/items/1"));
    }
    return onB;
  }

  private long checkTakeover(List<HttpResult> answers) {
    long slowest = 0;
    for (HttpResult r : answers) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.text()).isEqualTo("{\"from\":\"B\"}");
      assertThat(r.millis()).as("a request on B, ms (deadline timeout*2 + 2 s)").isLessThan(DEADLINE_MS);
      slowest = Math.max(slowest, r.millis());
    }
    assertThat(upstream.total()).as("B's takeover fetch: one for its five waiting requests").isEqualTo(1);
    return slowest;
  }

  /** A is frozen (its event loop blocked: no timer, no lock release) while it holds the lock. */
  @Test
  void aFrozenLockOwnerIsTakenOverAfterTheLockExpires() throws InterruptedException {
    ProxyFixture[] ab = start(null);
    ProxyFixture a = ab[0];
    ProxyFixture b = ab[1];

    Future<HttpResult> onA = get(a, "/api/items/1");
    hanging.awaitTotal(1, Duration.ofSeconds(5)); // A took the lock and is fetching
    long lockTakenAt = System.nanoTime();
    List<String> locks = RedisPeek.keys(redis().url(), keyPrefix + "l:*");
    assertThat(locks).as("A's fetch lock in Redis").hasSize(1);
    long lockTtl = RedisPeek.pttl(redis().url(), locks.get(0));
    report("lock %s pttl %d ms (upstream timeout %d ms)", locks.get(0), lockTtl, TIMEOUT_MS);
    assertThat(lockTtl).isBetween(0L, TIMEOUT_MS + 1_000);

    CountDownLatch thaw = new CountDownLatch(1);
    CountDownLatch frozen = new CountDownLatch(1);
    a.server().vertx().runOnContext(v -> {
      frozen.countDown();
      try {
        thaw.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      assertThat(frozen.await(5, TimeUnit.SECONDS)).as("A frozen").isTrue();
      List<HttpResult> answers = collect(fiveOnB(b), Duration.ofMillis(DEADLINE_MS + 3_000));
      long slowest = checkTakeover(answers);
      long sinceLock = (System.nanoTime() - lockTakenAt) / 1_000_000;
      report("B took over: slowest of 5 waited %d ms; %d ms after A took the lock (lock ttl %d ms)", slowest, sinceLock,
          TIMEOUT_MS + 1_000);
      assertThat(sinceLock).as("B waited for the lock to expire, ms").isGreaterThanOrEqualTo(TIMEOUT_MS + 1_000 - 300);
      assertThat(hanging.total()).isEqualTo(1);
    } finally {
      thaw.countDown();
    }
    // A comes back and finishes its own request somehow (its upstream timed out): no hang
    HttpResult aAnswer = io.wplive.proxy.support.Blocking.await(onA, 10, TimeUnit.SECONDS);
    report("A's own request, after the thaw: %d %s", aAnswer.status(), aAnswer.xCache());
    // and B's entry is the fleet's now
    HttpResult later = a.http().get("/api/items/1");
    assertThat(later.text()).isEqualTo("{\"from\":\"B\"}");
  }

  /**
   * A is stopped (ProxyServer.stop(), as on SIGTERM) while it fetches: its own in-flight request
   * still gets an answer within {@code shutdownGrace} (SPEC §2), and B's waiting requests get
   * theirs in time.
   */
  @Test
  void stoppingTheLockOwnerMidFetchLeavesNoRequestHanging() {
    ProxyFixture[] ab = start("shutdownGrace: 2s");
    ProxyFixture a = ab[0];
    ProxyFixture b = ab[1];
    Future<HttpResult> onA = get(a, "/api/items/1");
    hanging.awaitTotal(1, Duration.ofSeconds(5));
    List<Future<HttpResult>> waiting = fiveOnB(b);
    long stopAt = System.nanoTime();
    Future<Void> stopped = a.server().stop(); // the server only: the test's client stays connected
    List<HttpResult> answers = collect(waiting, Duration.ofMillis(DEADLINE_MS + 3_000));
    long slowest = checkTakeover(answers);
    HttpResult aAnswer;
    try {
      aAnswer = io.wplive.proxy.support.Blocking.await(onA, 10, TimeUnit.SECONDS);
    } catch (RuntimeException cut) {
      throw new AssertionError("A's in-flight request was cut off by stop() instead of finishing within shutdownGrace: " + cut, cut);
    }
    long aMs = (System.nanoTime() - stopAt) / 1_000_000;
    io.wplive.proxy.support.Blocking.await(stopped, 20, TimeUnit.SECONDS);
    report("A stopped mid-fetch: slowest of B's 5 requests %d ms; A's own request answered %d %s %d ms after stop()",
        slowest, aAnswer.status(), aAnswer.xCache(), aMs);
    assertJsonError(aAnswer, 504, "upstream_timeout");
    assertThat(aMs).as("A's in-flight request ended within shutdownGrace, ms").isLessThan(2_000);
  }
}

package io.wplive.proxy.fleet;

import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wplive.proxy.cache.redis.RedisTier;
import io.wplive.proxy.support.MutableClock;
import io.wplive.proxy.support.redis.RedisFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fetch lock's scripts on a real Redis: who holds it, and the outcome left with the release. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FleetLockTest {
  private static final String KEY = "products|-|/items/A-100|";

  private RedisTier tier;
  private FleetRedis redis;
  private FleetLock lock;

  @BeforeEach
  void setUp(Vertx vertx) {
    tier = new RedisTier(vertx, RedisFixture.shared().tierOptions(RedisFixture.newKeyPrefix()), new MutableClock());
    redis = new FleetRedis(tier, 2_000);
    lock = new FleetLock(redis);
  }

  @AfterEach
  void tearDown() {
    result(tier.close());
  }

  private long pttl(String kind) {
    return result(tier.client().send(Request.cmd(Command.PTTL).arg(redis.forEntry(kind, KEY)))).toLong();
  }

  @Test
  void acquireTellsWhoHoldsTheLock() {
    assertThat(result(lock.acquire(KEY, "a", 5_000))).as("free: taken").isEqualTo("a");
    assertThat(result(lock.acquire(KEY, "b", 5_000))).as("held: the holder").isEqualTo("a");
    assertThat(result(lock.holder(KEY))).isEqualTo("a");
    assertThat(pttl("l")).isBetween(1L, 5_000L);
  }

  @Test
  void withoutWaitersTheOwnerReleasesAtOnceAndLeavesNothing() {
    result(lock.acquire(KEY, "a", 5_000));
    assertThat(result(lock.releaseUnlessAwaited(KEY, "a"))).as("awaited").isFalse();
    assertThat(result(lock.holder(KEY))).as("released").isNull();
    assertThat(result(lock.outcome(KEY))).isNull();
  }

  @Test
  void aWaiterMakesTheOwnerKeepTheLockUntilItLeftItsOutcome() {
    result(lock.acquire(KEY, "a", 5_000));
    result(lock.acquire(KEY, "b", 5_000)); // another instance finds it held: it waits for "a"
    assertThat(result(lock.releaseUnlessAwaited(KEY, "a"))).as("awaited").isTrue();
    assertThat(result(lock.holder(KEY))).as("kept for the outcome").isEqualTo("a");
    Buffer outcome = Buffer.buffer(new byte[] {1, 0, -1, 42}); // binary-safe
    result(lock.release(KEY, "a", outcome, 3_000));
    assertThat(result(lock.holder(KEY))).isNull();
    assertThat(result(lock.outcome(KEY))).isEqualTo(outcome);
    assertThat(pttl("o")).as("the outcome is short-lived").isBetween(1L, 3_000L);
    assertThat(pttl("w")).as("the awaited mark went with the lock").isEqualTo(-2L);
    // the next owner has no waiter yet
    assertThat(result(lock.acquire(KEY, "c", 5_000))).as("free again").isEqualTo("c");
    assertThat(result(lock.releaseUnlessAwaited(KEY, "c"))).isFalse();
  }

  @Test
  void anOwnerThatLostTheLockLeavesNothing() {
    result(lock.acquire(KEY, "b", 5_000)); // "a"'s lock expired and "b" took over
    result(lock.acquire(KEY, "c", 5_000)); // "c" waits for "b"
    assertThat(result(lock.releaseUnlessAwaited(KEY, "a"))).isFalse();
    result(lock.release(KEY, "a", Buffer.buffer("late"), 3_000));
    result(lock.release(KEY, "a"));
    assertThat(result(lock.holder(KEY))).isEqualTo("b");
    assertThat(result(lock.outcome(KEY))).isNull();
    assertThat(result(lock.releaseUnlessAwaited(KEY, "b"))).as("c still waits for b").isTrue();
  }

  @Test
  void theLockKeysShareTheEntrysClusterSlot() {
    String entry = redis.forEntry("e", KEY);
    for (String kind : new String[] {"l", "w", "o"}) {
      String k = redis.forEntry(kind, KEY);
      assertThat(k.substring(k.indexOf('{'))).as(kind).isEqualTo(entry.substring(entry.indexOf('{')));
    }
  }
}

package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.cache.TestEntries.entry;
import static io.wplive.proxy.cache.TestEntries.key;
import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.wplive.proxy.support.redis.Await;
import io.wplive.proxy.support.redis.RedisFixture;
import io.wplive.proxy.support.redis.RedisServerProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis going away and coming back while the tier is in use: never an error, and recovery on its own. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class RedisOutageTest {
  private static final long COMMAND_TIMEOUT_MS = 200;
  /**
   * A lookup against a dead or stalled Redis must give up about when commandTimeout says; the
   * slack is for a CI machine so busy that timers fire late.
   */
  private static final long LOOKUP_BUDGET_MS = COMMAND_TIMEOUT_MS + 1_000;

  private final Clock clock = Clock.systemUTC();
  private final List<Boolean> availabilityChanges = new CopyOnWriteArrayList<>();
  private RedisFixture redis;
  private RedisTier tier;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    assumeTrue(RedisServerProcess.onPath(), "needs redis-server on the PATH to kill and restart");
    redis = RedisFixture.startLocal();
    tier = new RedisTier(vertx, redis.tierOptions(RedisFixture.newKeyPrefix(), COMMAND_TIMEOUT_MS + "ms"), clock);
    // the first connection may take longer than the short command timeout on a busy machine
    Await.until(() -> tier.ping().transform(ar -> io.vertx.core.Future.succeededFuture(ar.succeeded()))
        .toCompletionStage().toCompletableFuture().join() && tier.available(), Duration.ofSeconds(15), "Redis answers a PING");
    tier.onAvailabilityChange(availabilityChanges::add); // only what happens in the test itself
  }

  @AfterEach
  void tearDown() {
    if (tier != null) {
      result(tier.close());
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void killedRedisMeansMissesAndDroppedWritesThenRecoveryAfterRestart() {
    String k = key("products", "/items/A");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    assertThat(result(tier.get(k))).isNotNull();

    redis.kill();

    long t0 = System.nanoTime();
    assertThat(result(tier.get(k))).as("a lookup against a dead Redis is a miss").isNull();
    assertThat(elapsedMs(t0)).isLessThan(LOOKUP_BUDGET_MS);
    assertThat(tier.available()).isFalse();
    assertThat(availabilityChanges).containsExactly(false);

    long t1 = System.nanoTime();
    result(tier.put(key("products", "/items/B"), entry(clock.millis(), 60_000, "products")));
    assertThat(result(tier.removeRoute("products"))).isZero();
    assertThat(result(tier.get(k))).isNull();
    assertThat(elapsedMs(t1)).as("while down nothing waits for Redis").isLessThan(LOOKUP_BUDGET_MS);
    assertThat(tier.stats().skippedWhileDown()).isGreaterThanOrEqualTo(3);

    redis.restart();

    Await.until(tier::available, Duration.ofSeconds(20), "the tier notices Redis is back");
    // the flag is set before the listeners hear of it
    Await.until(() -> availabilityChanges.size() >= 2, Duration.ofSeconds(5), "the listener hears of the recovery");
    assertThat(availabilityChanges).containsExactly(false, true);
    String c = key("products", "/items/C");
    result(tier.put(c, entry(clock.millis(), 60_000, "products")));
    assertThat(result(tier.get(c))).as("writes reach Redis again").isNotNull();
    assertThat(result(RedisRaw.stored(tier, c))).isNotNull();
  }

  @Test
  void stalledRedisMeansMissesWithinTheCommandTimeout() {
    String k = key("products", "/items/A");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));

    redis.freeze();
    try {
      long t0 = System.nanoTime();
      assertThat(result(tier.get(k))).as("a lookup against a stalled Redis is a miss").isNull();
      assertThat(elapsedMs(t0)).isBetween(COMMAND_TIMEOUT_MS - 20, LOOKUP_BUDGET_MS);
      // a timeout alone is not an outage: the PING sent after it, timing out too, decides
      Await.until(() -> !tier.available(), Duration.ofSeconds(3), "the confirming PING times out as well");
      assertThat(tier.stats().lookupErrors()).isEqualTo(1);
      result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    } finally {
      redis.thaw();
    }

    Await.until(tier::available, Duration.ofSeconds(20), "the tier notices Redis answers again");
    assertThat(result(tier.get(k))).isNotNull();
  }

  /** The same for lookups that went out together as one MGET: every caller misses, none waits longer. */
  @Test
  void stalledRedisMeansEveryLookupOfABatchMissesWithinTheCommandTimeout() {
    String a = key("products", "/items/A");
    String b = key("products", "/items/B");
    result(tier.put(a, entry(clock.millis(), 60_000, "products")));
    result(tier.put(b, entry(clock.millis(), 60_000, "products")));

    redis.freeze();
    try {
      long t0 = System.nanoTime();
      io.vertx.core.Promise<List<io.vertx.core.Future<io.wplive.proxy.cache.CachedResponse>>> made = io.vertx.core.Promise.promise();
      vertx.runOnContext(v -> made.complete(List.of(tier.get(a), tier.get(b), tier.get(a))));
      for (io.vertx.core.Future<io.wplive.proxy.cache.CachedResponse> f : result(made.future())) {
        assertThat(result(f)).as("a batched lookup against a stalled Redis is a miss").isNull();
      }
      assertThat(elapsedMs(t0)).isBetween(COMMAND_TIMEOUT_MS - 20, LOOKUP_BUDGET_MS);
      assertThat(tier.stats().lookupErrors()).isEqualTo(3);
    } finally {
      redis.thaw();
    }
  }

  @Test
  void tierStartedWhileRedisIsDownComesUpWhenItStarts(Vertx vertx) {
    redis.kill();
    RedisTier late = new RedisTier(vertx, redis.tierOptions(RedisFixture.newKeyPrefix(), COMMAND_TIMEOUT_MS + "ms"), clock);
    try {
      Await.until(() -> !late.available(), Duration.ofSeconds(5), "the first PING fails");
      assertThat(result(late.get(key("products", "/items/A")))).isNull();
      redis.restart();
      Await.until(late::available, Duration.ofSeconds(20), "the tier notices Redis is up");
      result(late.ping());
    } finally {
      result(late.close());
    }
  }

  private static long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}

package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.cache.TestEntries.entry;
import static io.wplive.proxy.cache.TestEntries.key;
import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CacheTier;
import io.wplive.proxy.cache.CacheTierContractTest;
import io.wplive.proxy.support.redis.Await;
import io.wplive.proxy.support.redis.RedisClusterFixture;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same contract on a three-master Redis Cluster: purges must find entries on every master.
 * The cluster takes seconds to form, so the Cluster checks of the invalidation bus live here too.
 */
class RedisTierClusterContractTest extends CacheTierContractTest {
  private static RedisClusterFixture cluster;
  private RedisTier redisTier;

  @BeforeAll
  static void startCluster() {
    assumeTrue(RedisClusterFixture.supported(), "redis-server and redis-cli are needed on the PATH");
    cluster = RedisClusterFixture.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected CacheTier createTier(Vertx vertx, Clock clock) {
    redisTier = new RedisTier(vertx, cluster.tierOptions(RedisFixture.newKeyPrefix()), clock);
    return redisTier;
  }

  @Override
  protected Future<Void> closeTier() {
    return redisTier.close();
  }

  @Override
  protected Future<Void> overwriteStoredBytes(String key, Buffer bytes) {
    return RedisRaw.overwrite(redisTier, key, bytes);
  }

  @Override
  protected Future<Buffer> storedBytes(String key) {
    return RedisRaw.stored(redisTier, key);
  }

  @Test
  void entriesSpreadOverEveryMasterAndTagPurgeReachesThemAll() {
    long now = clock.millis();
    List<Long> before = cluster.keysPerNode();
    for (int batch = 0; batch < 60; batch += 20) {
      List<Future<Void>> puts = new ArrayList<>();
      for (int i = batch; i < batch + 20; i++) {
        puts.add(tier.put(key("products", "/spread/" + i), entry(now, 60_000, "products", "spread")));
      }
      result(Future.all(puts));
    }
    List<Long> after = cluster.keysPerNode();
    for (int node = 0; node < after.size(); node++) {
      assertThat(after.get(node)).as("keys on master " + node).isGreaterThan(before.get(node));
    }
    assertThat(result(tier.removeTag("spread"))).isEqualTo(60);
    for (int i = 0; i < 60; i++) {
      assertThat(result(tier.get(key("products", "/spread/" + i)))).isNull();
    }
  }

  @Test
  void invalidationBusWorksOnTheCluster(Vertx vertx) {
    String prefix = RedisFixture.newKeyPrefix();
    List<Invalidation> atA = new CopyOnWriteArrayList<>();
    List<Invalidation> atB = new CopyOnWriteArrayList<>();
    InvalidationBus a = new InvalidationBus(vertx, cluster.tierOptions(prefix), atA::add);
    InvalidationBus b = new InvalidationBus(vertx, cluster.tierOptions(prefix), atB::add);
    try {
      result(a.start());
      result(b.start());
      result(b.publish(Invalidation.route("products", true)));
      Await.until(() -> atA.size() == 1 && atB.size() == 1, Duration.ofSeconds(5), "both instances got the message");
      assertThat(atA.get(0)).isEqualTo(Invalidation.route("products", true).withOrigin(b.instanceId()));
    } finally {
      result(a.close());
      result(b.close());
    }
  }
}

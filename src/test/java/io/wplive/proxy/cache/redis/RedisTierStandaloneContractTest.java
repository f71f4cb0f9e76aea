package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wplive.proxy.cache.CacheTier;
import io.wplive.proxy.cache.CacheTierContractTest;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Clock;

class RedisTierStandaloneContractTest extends CacheTierContractTest {
  private RedisTier redisTier;

  @Override
  protected CacheTier createTier(Vertx vertx, Clock clock) {
    RedisFixture redis = RedisFixture.shared();
    redisTier = new RedisTier(vertx, redis.tierOptions(RedisFixture.newKeyPrefix()), clock);
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

  @Override
  protected void assertGoneFromStorage(String key) {
    assertThat(result(redisTier.client().send(Request.cmd(Command.EXISTS).arg(redisTier.keys().entry(key)))).toInteger())
        .as("the entry's Redis TTL removed it")
        .isZero();
  }
}

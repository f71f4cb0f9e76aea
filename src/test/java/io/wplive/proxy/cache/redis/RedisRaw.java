package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/** Direct access to what a {@link RedisTier} stored, bypassing the tier, for tests that tamper with it. */
final class RedisRaw {
  private RedisRaw() {
  }

  static Future<Buffer> stored(RedisTier tier, String cacheKey) {
    return tier.client().send(Request.cmd(Command.GET).arg(tier.keys().entry(cacheKey)))
        .map(r -> r == null ? null : r.toBuffer());
  }

  /** Replaces the value, keeping its TTL. */
  static Future<Void> overwrite(RedisTier tier, String cacheKey, Buffer bytes) {
    return tier.client().send(Request.cmd(Command.SET).arg(tier.keys().entry(cacheKey)).arg(bytes).arg("KEEPTTL")).mapEmpty();
  }
}

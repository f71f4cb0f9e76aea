package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.wplive.proxy.config.RateLimitOptions;
import io.wplive.proxy.resilience.TokenBucket;
import io.wplive.proxy.security.LocalQuotas;
import io.wplive.proxy.security.QuotaLimiter;

/**
 * Client quotas (per key, per IP) as token buckets in Redis, so a client gets its quota once for
 * the whole fleet, not once per instance. Same Lua script as the upstream budgets; while Redis
 * cannot answer, this instance's own buckets decide.
 */
public final class SharedQuotas implements QuotaLimiter {
  private final FleetRedis redis;
  private final LocalQuotas fallback;

  public SharedQuotas(FleetRedis redis, LocalQuotas fallback) {
    this.redis = redis;
    this.fallback = fallback;
  }

  @Override
  public Future<TokenBucket.Take> take(String name, RateLimitOptions limit) {
    if (!redis.available()) {
      return fallback.take(name, limit);
    }
    double perMs = limit.requests() / (double) limit.per().toMillis();
    long ttl = Math.max(10_000, limit.per().toMillis() * 4);
    // the second key (a cooldown) is never set for clients; it shares the bucket's hash tag
    String tag = "{q-" + name + "}";
    Request eval = Request.cmd(Command.EVAL).arg(SharedBudget.TAKE).arg(2)
        .arg(redis.prefix() + "q:" + tag).arg(redis.prefix() + "qc:" + tag)
        .arg(limit.burst()).arg(Double.toString(perMs)).arg("0").arg(ttl);
    return redis.send(eval)
        .map(r -> new TokenBucket.Take(r.get(0).toInteger() == 1, r.get(1).toLong(), r.get(2).toLong(),
            limit.requests(), limit.per().toMillis()))
        .recover(err -> fallback.take(name, limit));
  }
}

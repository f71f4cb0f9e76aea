package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.cache.redis.RedisTier;
import java.util.concurrent.TimeUnit;

/**
 * The Redis of the cache tier, as the fleet features use it (budgets, heartbeats, locks): the same
 * pooled client, every command bounded by {@code redis.commandTimeout}, nothing sent while the
 * tier knows Redis is down, so callers fall back to their local behaviour at once.
 */
public final class FleetRedis {
  private final RedisTier tier;
  private final long timeoutMs;

  public FleetRedis(RedisTier tier, long timeoutMs) {
    this.tier = tier;
    this.timeoutMs = timeoutMs;
  }

  public boolean available() {
    return tier.available();
  }

  public String prefix() {
    return tier.keys().prefix();
  }

  /** A key in the same Cluster slot as the entry of {@code cacheKey}. */
  public String forEntry(String kind, String cacheKey) {
    return tier.keys().forEntry(kind, cacheKey);
  }

  public Future<Response> send(Request request) {
    if (!tier.available()) {
      return Future.failedFuture("redis unavailable");
    }
    return tier.client().send(request).timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}

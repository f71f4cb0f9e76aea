package io.wplive.proxy.cache;

import io.vertx.core.Future;
import io.wplive.proxy.cache.redis.RedisTier;
import io.wplive.proxy.observability.ProxyMetrics;

/**
 * The two tiers as the request path sees them: memory first (synchronous), then the shared tier
 * (Redis) when configured, with memory back-filled on a lower-tier hit; writes go to both.
 */
public final class CacheStore {
  private final MemoryTier memory;
  private final CacheTier shared;
  private final boolean memoryEnabled;
  // resolved once: the hit path must not build a label string or hash one per request
  private final io.micrometer.core.instrument.Counter memoryHits;
  private final io.micrometer.core.instrument.Counter memoryMisses;
  private final io.micrometer.core.instrument.Counter sharedHits;
  private final io.micrometer.core.instrument.Counter sharedMisses;
  private final io.micrometer.core.instrument.Counter sharedErrors;

  /**
   * @param shared the Redis tier, or {@code null} for memory only
   * @param memoryEnabled {@code cache.memory.maxSize: 0} switches the memory tier off
   */
  public CacheStore(MemoryTier memory, CacheTier shared, ProxyMetrics metrics, boolean memoryEnabled) {
    this.memory = memory;
    this.shared = shared;
    this.memoryEnabled = memoryEnabled;
    this.memoryHits = metrics.lookup("memory", "hit");
    this.memoryMisses = metrics.lookup("memory", "miss");
    // only with a shared tier: a memory-only proxy shows no Redis series
    this.sharedHits = shared == null ? null : metrics.lookup("redis", "hit");
    this.sharedMisses = shared == null ? null : metrics.lookup("redis", "miss");
    this.sharedErrors = shared == null ? null : metrics.lookup("redis", "error");
  }

  public MemoryTier memory() {
    return memory;
  }

  /** {@code null} when memory-only. */
  public CacheTier shared() {
    return shared;
  }

  /** A shared tier is configured and unreachable right now (answers say {@code detail=redis-unavailable}). */
  public boolean sharedDown() {
    return shared != null && !shared.available();
  }

  /** The memory tier's entry, counting the lookup. */
  public CachedResponse memoryGet(String key) {
    if (!memoryEnabled) {
      return null;
    }
    CachedResponse e = memory.getNow(key);
    (e != null ? memoryHits : memoryMisses).increment();
    return e;
  }

  /** The shared tier's entry (memory back-filled), or {@code null}; never fails. */
  public Future<CachedResponse> sharedGet(String key) {
    if (shared == null) {
      return Future.succeededFuture(null);
    }
    return shared.get(key)
        .map(e -> {
          (e != null ? sharedHits : sharedMisses).increment();
          if (e != null && memoryEnabled) {
            memory.putNow(key, e);
          }
          return e;
        })
        .otherwise(err -> {
          sharedErrors.increment();
          return null;
        });
  }

  /**
   * Stores in both tiers. Completes when the shared tier has the entry (or gave up: it never
   * fails), so other instances waiting on a fetch lock find it as soon as the lock is released.
   */
  public Future<Void> put(String key, CachedResponse entry) {
    if (memoryEnabled) {
      memory.putNow(key, entry);
    }
    if (shared != null) {
      return shared.put(key, entry).otherwiseEmpty();
    }
    return Future.succeededFuture();
  }

  /**
   * Purges of the shared tier; 0 when memory-only. A soft purge rewrites entries as stale (keeping
   * their stale windows; entries without one are dropped), a hard one deletes them.
   */
  public Future<Integer> sharedPurgeRoute(String route, boolean soft, java.util.function.UnaryOperator<CachedResponse> soften) {
    if (!(shared instanceof RedisTier redis)) {
      return Future.succeededFuture(0);
    }
    return soft ? redis.rewrite(redis.routeIndex(route), k -> true, soften) : redis.removeRoute(route).otherwise(0);
  }

  public Future<Integer> sharedPurgeTag(String tag, boolean soft, java.util.function.UnaryOperator<CachedResponse> soften) {
    if (!(shared instanceof RedisTier redis)) {
      return Future.succeededFuture(0);
    }
    return soft ? redis.rewrite(redis.tagIndex(tag), k -> true, soften) : redis.removeTag(tag).otherwise(0);
  }

  /** Every variant of one path: cache keys starting with {@code prefix} (found through the route's index). */
  public Future<Integer> sharedPurgePrefix(String prefix, boolean soft, java.util.function.UnaryOperator<CachedResponse> soften) {
    if (!(shared instanceof RedisTier redis)) {
      return Future.succeededFuture(0);
    }
    String route = prefix.substring(0, Math.max(0, prefix.indexOf('|')));
    return redis.rewrite(redis.routeIndex(route), k -> k.startsWith(prefix), soft ? soften : e -> null);
  }

  public Future<Integer> sharedPurgeAll(boolean soft, java.util.function.UnaryOperator<CachedResponse> soften) {
    if (!(shared instanceof RedisTier redis)) {
      return Future.succeededFuture(0);
    }
    return soft ? redis.rewriteAll(soften) : redis.clear().otherwise(0);
  }
}

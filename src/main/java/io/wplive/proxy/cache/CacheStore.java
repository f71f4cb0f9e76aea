package io.wplive.proxy.cache;

import io.vertx.core.Future;
import io.wplive.proxy.observability.ProxyMetrics;

/**
 * The two tiers as the request path sees them: memory first (synchronous), then the shared tier
 * (Redis) when configured, with memory back-filled on a lower-tier hit; writes go to both.
 */
public final class CacheStore {
  private final MemoryTier memory;
  private final CacheTier shared;
  private final ProxyMetrics metrics;
  private final boolean memoryEnabled;

  /**
   * @param shared the Redis tier, or {@code null} for memory only
   * @param memoryEnabled {@code cache.memory.maxSize: 0} switches the memory tier off
   */
  public CacheStore(MemoryTier memory, CacheTier shared, ProxyMetrics metrics, boolean memoryEnabled) {
    this.memory = memory;
    this.shared = shared;
    this.metrics = metrics;
    this.memoryEnabled = memoryEnabled;
  }

  public MemoryTier memory() {
    return memory;
  }

  /** {@code null} when memory-only. */
  public CacheTier shared() {
    return shared;
  }

  /** The memory tier's entry, counting the lookup. */
  public CachedResponse memoryGet(String key) {
    if (!memoryEnabled) {
      return null;
    }
    CachedResponse e = memory.getNow(key);
    metrics.lookup("memory", e != null ? "hit" : "miss").increment();
    return e;
  }

  /** The shared tier's entry (memory back-filled), or {@code null}; never fails. */
  public Future<CachedResponse> sharedGet(String key) {
    if (shared == null) {
      return Future.succeededFuture(null);
    }
    return shared.get(key)
        .map(e -> {
          metrics.lookup("redis", e != null ? "hit" : "miss").increment();
          if (e != null && memoryEnabled) {
            memory.putNow(key, e);
          }
          return e;
        })
        .otherwise(err -> {
          metrics.lookup("redis", "error").increment();
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

  /** Drops every entry of {@code route} from both tiers; completes with the number dropped. */
  public Future<Integer> removeRoute(String route) {
    int local = memory.removeIf((k, v) -> k.startsWith(route + "|"));
    if (shared == null) {
      return Future.succeededFuture(local);
    }
    return shared.removeRoute(route).map(n -> Math.max(n, local)).otherwise(local);
  }

  /**
   * Drops the entries whose key starts with {@code prefix} from memory, and {@code exactKey} from
   * the shared tier (which is keyed by hash, not by prefix).
   */
  public void removeKeyPrefix(String prefix, String exactKey) {
    memory.removeIf((k, v) -> k.startsWith(prefix));
    if (shared != null) {
      shared.remove(exactKey);
    }
  }

  /** Purges of the shared tier; 0 when memory-only. Soft purges soften entries in place. */
  public Future<Integer> sharedPurgeRoute(String route, boolean soft) {
    return shared == null ? Future.succeededFuture(0) : shared.removeRoute(route).otherwise(0);
  }

  public Future<Integer> sharedPurgeTag(String tag, boolean soft) {
    return shared == null ? Future.succeededFuture(0) : shared.removeTag(tag).otherwise(0);
  }

  public Future<Integer> sharedPurgePrefix(String prefix, boolean soft) {
    return shared == null ? Future.succeededFuture(0) : shared.remove(prefix).otherwise(0);
  }

  public Future<Integer> sharedPurgeAll(boolean soft) {
    return shared == null ? Future.succeededFuture(0) : shared.clear().otherwise(0);
  }
}

package io.wplive.proxy.cache;

import io.vertx.core.Future;

/**
 * One storage tier (memory, Redis). Keys are the full cache keys built by
 * {@link io.wplive.proxy.proxy.CacheKeys}; every key starts with {@code routeName|schemaVersion|}.
 *
 * <p>Contract: a tier never fails a lookup because of its own trouble: {@link #get} completes
 * with {@code null} (a miss) when it cannot answer, and writes that fail are dropped. Futures may
 * complete on any thread; callers hop back to their context where it matters.
 */
public interface CacheTier {
  /** {@code memory} or {@code redis}: the {@code tier} label of the lookup metrics. */
  String name();

  /** The entry, or {@code null} when absent or expired. */
  Future<CachedResponse> get(String key);

  /** Stores {@code entry} until {@link CachedResponse#expiresAt()}; tags are recorded for purges. */
  Future<Void> put(String key, CachedResponse entry);

  /** Removes one key; completes with the number of entries removed (0 or 1). */
  Future<Integer> remove(String key);

  /** Removes every entry of {@code route}. */
  Future<Integer> removeRoute(String route);

  /** Removes every entry stored with {@code tag}. */
  Future<Integer> removeTag(String tag);

  /** Removes everything this tier holds for this proxy. */
  Future<Integer> clear();

  /** Whether the tier can serve now (a shared tier may be unreachable). */
  default boolean available() {
    return true;
  }
}

package io.wplive.proxy.cache;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.function.BiPredicate;

/**
 * Purges by route, tag, key prefix or everything, hard (drop) or soft (mark stale, so the next
 * request is served stale while one refresh runs; an entry with no stale window is dropped).
 * Memory is purged here; the shared tier through {@link CacheStore}; other instances hear of it
 * through the invalidation channel when Redis is configured.
 */
public final class Purger {
  private final CacheStore store;
  private final Clock clock;

  public Purger(CacheStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public Future<Integer> route(String route, boolean soft) {
    String prefix = route + "|";
    int local = memory((k, v) -> k.startsWith(prefix), soft);
    return store.sharedPurgeRoute(route, soft).map(n -> Math.max(n, local));
  }

  public Future<Integer> tag(String tag, boolean soft) {
    int local = memory((k, v) -> v.tags().contains(tag), soft);
    return store.sharedPurgeTag(tag, soft).map(n -> Math.max(n, local));
  }

  /** Every variant (vary values) of one path: keys starting with {@code prefix}. */
  public Future<Integer> keyPrefix(String prefix, boolean soft) {
    int local = memory((k, v) -> k.startsWith(prefix), soft);
    return store.sharedPurgePrefix(prefix, soft).map(n -> Math.max(n, local));
  }

  public Future<Integer> all(boolean soft) {
    int local = memory((k, v) -> true, soft);
    return store.sharedPurgeAll(soft).map(n -> Math.max(n, local));
  }

  /** Applies a purge to this instance's memory tier only (what a peer's announcement asks). */
  public int memory(BiPredicate<String, CachedResponse> match, boolean soft) {
    MemoryTier m = store.memory();
    if (!soft) {
      return m.removeIf(match);
    }
    long now = clock.millis();
    int dropped = m.removeIf((k, v) -> match.test(k, v) && !hasStaleWindow(v, now));
    int softened = m.replaceIf(k -> match.test(k.getKey(), k.getValue()), v -> soften(v, now));
    return dropped + softened;
  }

  static boolean hasStaleWindow(CachedResponse e, long now) {
    return !e.mustRevalidate() && (e.swrUntil() > now || e.sieUntil() > now);
  }

  /** The entry, stale from now on, keeping its stale windows. */
  public static CachedResponse soften(CachedResponse e, long now) {
    if (e.freshUntil() <= now) {
      return e;
    }
    long shift = e.freshUntil() - now;
    return e.toBuilder().freshUntil(now).swrUntil(Math.max(now, e.swrUntil() - shift))
        .sieUntil(Math.max(now, e.sieUntil() - shift)).build();
  }
}

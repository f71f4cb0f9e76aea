package io.wplive.proxy.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The in-process tier: Caffeine bounded by body bytes, each entry dropped when its last stale
 * window ends. Reads are synchronous ({@link #getNow}) because the hit path must not allocate a
 * future; the {@link CacheTier} methods wrap them for the tiered lookup.
 */
public final class MemoryTier implements CacheTier {
  /** Bookkeeping per entry on top of the body: key, headers, object headers. */
  static final int ENTRY_OVERHEAD = 512;

  private final Cache<String, CachedResponse> cache;
  private final Clock clock;

  /**
   * @param maxBytes bound on stored body bytes (plus a small per-entry overhead)
   * @param clock the clock entry times were computed with; also drives expiry
   */
  public MemoryTier(long maxBytes, Clock clock) {
    this.clock = clock;
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.cache = Caffeine.newBuilder()
        .maximumWeight(Math.max(maxBytes, 1))
        .weigher((String k, CachedResponse v) -> (int) Math.min(Integer.MAX_VALUE, v.bodySize() + k.length() + ENTRY_OVERHEAD))
        .expireAfter(new Expiry<String, CachedResponse>() {
          @Override
          public long expireAfterCreate(String key, CachedResponse value, long currentTime) {
            return remainingNanos(value);
          }

          @Override
          public long expireAfterUpdate(String key, CachedResponse value, long currentTime, long currentDuration) {
            return remainingNanos(value);
          }

          @Override
          public long expireAfterRead(String key, CachedResponse value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .ticker(ticker)
        .executor(Runnable::run) // maintenance on the caller's thread: no hops off the event loop
        .build();
  }

  private long remainingNanos(CachedResponse v) {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(1, v.expiresAt() - clock.millis()));
  }

  @Override
  public String name() {
    return "memory";
  }

  /** The hit path: a map lookup, nothing else. */
  public CachedResponse getNow(String key) {
    return cache.getIfPresent(key);
  }

  public void putNow(String key, CachedResponse entry) {
    if (entry.expiresAt() > clock.millis()) {
      cache.put(key, entry);
    }
  }

  @Override
  public Future<CachedResponse> get(String key) {
    return Future.succeededFuture(getNow(key));
  }

  @Override
  public Future<Void> put(String key, CachedResponse entry) {
    putNow(key, entry);
    return Future.succeededFuture();
  }

  @Override
  public Future<Integer> remove(String key) {
    return Future.succeededFuture(cache.asMap().remove(key) != null ? 1 : 0);
  }

  @Override
  public Future<Integer> removeRoute(String route) {
    String prefix = route + "|";
    return Future.succeededFuture(removeIf((k, v) -> k.startsWith(prefix)));
  }

  @Override
  public Future<Integer> removeTag(String tag) {
    return Future.succeededFuture(removeIf((k, v) -> v.tags().contains(tag)));
  }

  @Override
  public Future<Integer> clear() {
    int n = (int) cache.estimatedSize();
    cache.invalidateAll();
    return Future.succeededFuture(n);
  }

  /** Removes matching entries; returns how many. */
  public int removeIf(java.util.function.BiPredicate<String, CachedResponse> p) {
    int[] n = {0};
    cache.asMap().entrySet().removeIf(e -> {
      boolean hit = p.test(e.getKey(), e.getValue());
      if (hit) {
        n[0]++;
      }
      return hit;
    });
    return n[0];
  }

  /** Replaces matching entries with {@code f(entry)} (soft purge marks them stale). */
  public int replaceIf(Predicate<java.util.Map.Entry<String, CachedResponse>> p, java.util.function.UnaryOperator<CachedResponse> f) {
    int[] n = {0};
    cache.asMap().replaceAll((k, v) -> {
      if (p.test(java.util.Map.entry(k, v))) {
        n[0]++;
        return f.apply(v);
      }
      return v;
    });
    return n[0];
  }

  public long entryCount() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Weighted size: body bytes plus overhead. */
  public long weightedSize() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }
}

package io.wplive.proxy.cache;

import io.vertx.core.Future;
import java.time.Clock;
import io.wplive.proxy.cache.redis.Invalidation;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Purges by route, tag, key prefix or everything, hard (drop) or soft (mark stale, so the next
 * request is served stale while one refresh runs; an entry with no stale window is dropped).
 * Memory is purged here; the shared tier through {@link CacheStore}; other instances hear of it
 * through the invalidation channel when Redis is configured.
 */
public final class Purger {
  private final CacheStore store;
  private final Clock clock;
  private final Function<Invalidation, Future<Void>> announce;

  /**
   * @param announce tells the other instances (Redis pub/sub), failing when Redis did not take the
   *     message; {@code null} for one instance
   */
  public Purger(CacheStore store, Clock clock, Function<Invalidation, Future<Void>> announce) {
    this.store = store;
    this.clock = clock;
    this.announce = announce;
  }

  public Future<Integer> route(String route, boolean soft) {
    String prefix = route + "|";
    int local = memory((k, v) -> k.startsWith(prefix), soft);
    Invalidation msg = Invalidation.route(route, soft);
    tell(msg);
    return shared(msg, store.sharedPurgeRoute(route, soft, this::softenNow)).map(n -> Math.max(n, local));
  }

  public Future<Integer> tag(String tag, boolean soft) {
    int local = memory((k, v) -> v.tags().contains(tag), soft);
    Invalidation msg = Invalidation.tag(tag, soft);
    tell(msg);
    return shared(msg, store.sharedPurgeTag(tag, soft, this::softenNow)).map(n -> Math.max(n, local));
  }

  /** Every variant (vary values) of one path: keys starting with {@code prefix}. */
  public Future<Integer> keyPrefix(String prefix, boolean soft) {
    int local = memory((k, v) -> k.startsWith(prefix), soft);
    Invalidation msg = Invalidation.keys(List.of(prefix), soft);
    tell(msg);
    return shared(msg, store.sharedPurgePrefix(prefix, soft, this::softenNow)).map(n -> Math.max(n, local));
  }

  public Future<Integer> all(boolean soft) {
    int local = memory((k, v) -> true, soft);
    Invalidation msg = Invalidation.all(soft);
    tell(msg);
    return shared(msg, store.sharedPurgeAll(soft, this::softenNow)).map(n -> Math.max(n, local));
  }

  /**
   * Announces a purge. One that Redis cannot take now (it is down, the publish fails because the
   * outage is only being found out by this very purge, or the channel's own connection failed) is
   * kept and said again when Redis is back, or within seconds if it never went away.
   */
  private void tell(Invalidation msg) {
    if (announce == null) {
      return;
    }
    if (store.sharedDown()) {
      remember(msg);
    }
    announce.apply(msg).onFailure(err -> remember(msg));
  }

  /** The shared part of a purge; if Redis turned out to be down meanwhile, it is replayed later. */
  private Future<Integer> shared(Invalidation msg, Future<Integer> sharedPurge) {
    return sharedPurge.andThen(ar -> {
      if (announce != null && store.sharedDown()) {
        remember(msg);
      }
    });
  }

  private void remember(Invalidation msg) {
    synchronized (pending) {
      if (pending.size() < MAX_PENDING && !pending.contains(msg)) {
        pending.add(msg);
      }
    }
  }

  /** Purges made while Redis was down, at most this many, replayed when it is back. */
  static final int MAX_PENDING = 1000;
  private final List<Invalidation> pending = new java.util.ArrayList<>();

  /**
   * Redis is reachable (again): apply the purges it missed to the shared tier and tell every
   * instance. Cheap when there are none: called on recovery and every few seconds.
   */
  public void replayPending() {
    List<Invalidation> todo;
    synchronized (pending) {
      if (pending.isEmpty()) {
        return;
      }
      todo = List.copyOf(pending);
      pending.clear();
    }
    for (Invalidation msg : todo) {
      Future<Integer> purge = switch (msg.kind()) {
        case ROUTE -> store.sharedPurgeRoute(msg.name(), msg.soft(), this::softenNow);
        case TAG -> store.sharedPurgeTag(msg.name(), msg.soft(), this::softenNow);
        case KEYS -> Future.all(msg.keys().stream().map(k -> store.sharedPurgePrefix(k, msg.soft(), this::softenNow)).toList())
            .map(0);
        default -> store.sharedPurgeAll(msg.soft(), this::softenNow);
      };
      shared(msg, purge);
      announce.apply(msg).onFailure(err -> remember(msg));
    }
  }

  /** What another instance announced: applied to this instance's memory tier only. */
  public void apply(Invalidation msg) {
    switch (msg.kind()) {
      case ROUTE -> memory((k, v) -> k.startsWith(msg.name() + "|"), msg.soft());
      case TAG -> memory((k, v) -> v.tags().contains(msg.name()), msg.soft());
      // KEYS carry key prefixes: a full key is the prefix of all its variants
      case KEYS -> memory((k, v) -> msg.keys().stream().anyMatch(k::startsWith), msg.soft());
      default -> memory((k, v) -> true, msg.soft());
    }
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

  /** Soft purge of one stored entry: stale from now on, or {@code null} (drop) without a stale window. */
  CachedResponse softenNow(CachedResponse e) {
    long now = clock.millis();
    return hasStaleWindow(e, now) ? soften(e, now) : null;
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

package io.wplive.proxy.resilience;

import io.vertx.core.Future;
import io.wplive.proxy.config.RateLimitOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Budgets held in this process. With Redis configured this is the fallback while Redis is
 * unreachable, and then each instance takes {@code 1/N} of the budget, N being the number of
 * instances it last saw alive, so the fleet as a whole stays inside the budget.
 */
public final class LocalBudget implements UpstreamBudget {
  /** A background refresh needs this share of the burst left in the bucket. */
  static final double BACKGROUND_RESERVE = 0.25;

  private final java.util.function.Function<String, RateLimitOptions> limits;
  private final Clock clock;
  private final DoubleSupplier share;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile double bucketShare = -1;
  private final boolean startFull;

  /**
   * @param limits an upstream's budget by name (null = unlimited), read at every call so reloads apply
   * @param share this instance's fraction of every budget (1.0 alone)
   */
  public LocalBudget(java.util.function.Function<String, RateLimitOptions> limits, Clock clock, DoubleSupplier share) {
    this(limits, clock, share, true);
  }

  /**
   * @param startFull {@code false} for the fallback of a shared budget: the fleet may just have
   *     spent its burst through Redis, so a fresh local burst per instance would exceed it
   */
  public LocalBudget(java.util.function.Function<String, RateLimitOptions> limits, Clock clock, DoubleSupplier share,
      boolean startFull) {
    this.limits = limits;
    this.clock = clock;
    this.share = share;
    this.startFull = startFull;
  }

  @Override
  public Future<TokenBucket.Take> take(String upstream, boolean background) {
    RateLimitOptions limit = limits.apply(upstream);
    if (limit == null) {
      return Future.succeededFuture(null);
    }
    return Future.succeededFuture(takeNow(upstream, limit, background));
  }

  TokenBucket.Take takeNow(String upstream, RateLimitOptions limit, boolean background) {
    double s = share.getAsDouble();
    if (s != bucketShare) {
      buckets.clear(); // the fleet changed size: start over with the new share
      bucketShare = s;
    }
    long now = clock.millis();
    String id = upstream + "|" + limit.requests() + "/" + limit.per().toMillis() + "/" + limit.burst();
    TokenBucket b = buckets.computeIfAbsent(id, u -> new TokenBucket(limit, s, now, startFull));
    if (background && b.available(now) < 1 + limit.burst() * s * BACKGROUND_RESERVE) {
      return new TokenBucket.Take(false, 1000, 0, limit.requests(), limit.per().toMillis());
    }
    return b.take(now);
  }

  @Override
  public double available(String upstream) {
    RateLimitOptions limit = limits.apply(upstream);
    TokenBucket b = limit == null ? null
        : buckets.get(upstream + "|" + limit.requests() + "/" + limit.per().toMillis() + "/" + limit.burst());
    return b == null ? -1 : b.available(clock.millis());
  }
}

package io.wplive.proxy.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.wplive.proxy.config.RateLimitOptions;
import io.wplive.proxy.resilience.TokenBucket;
import java.time.Clock;
import java.time.Duration;

/**
 * In-process buckets. Bounded (client IPs are unbounded in number): a bucket idle for ten minutes
 * is forgotten, which only ever gives that client a full bucket again.
 */
public final class LocalQuotas implements QuotaLimiter {
  private final Clock clock;
  private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
      .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).executor(Runnable::run).build();

  public LocalQuotas(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Future<TokenBucket.Take> take(String name, RateLimitOptions limit) {
    return Future.succeededFuture(takeNow(name, limit));
  }

  public TokenBucket.Take takeNow(String name, RateLimitOptions limit) {
    long now = clock.millis();
    TokenBucket b = buckets.get(name + "|" + limit.requests() + "/" + limit.per().toMillis() + "/" + limit.burst(),
        k -> new TokenBucket(limit, 1.0, now));
    return b.take(now);
  }
}

package io.wplive.proxy.security;

import io.vertx.core.Future;
import io.wplive.proxy.config.RateLimitOptions;
import io.wplive.proxy.resilience.TokenBucket;

/**
 * Token buckets by name (a client key's name, a client IP, an upstream). Local to the process,
 * or shared by every instance through Redis.
 */
public interface QuotaLimiter {
  /** Takes one token from bucket {@code name} configured by {@code limit}. Never fails. */
  Future<TokenBucket.Take> take(String name, RateLimitOptions limit);
}

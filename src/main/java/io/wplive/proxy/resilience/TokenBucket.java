package io.wplive.proxy.resilience;

import io.wplive.proxy.config.RateLimitOptions;

/**
 * A local token bucket: {@code burst} tokens, refilled at {@code requests} per {@code per}.
 * Pure apart from its lock: the caller passes the clock's time, so tests drive it with a table.
 */
public final class TokenBucket {
  private final double capacity;
  private final double perMs;
  private final int limit;
  private final long windowMs;
  private double tokens;
  private long last;

  /** @param share fraction of the budget this bucket may use (1 = all; 1/N while Redis is down) */
  public TokenBucket(RateLimitOptions options, double share, long now) {
    this(options, share, now, true);
  }

  /** @param full start with the whole burst; {@code false} starts empty and only refills */
  public TokenBucket(RateLimitOptions options, double share, long now, boolean full) {
    this.capacity = Math.max(1, options.burst() * share);
    this.perMs = options.requests() * share / (double) options.per().toMillis();
    this.limit = options.requests();
    this.windowMs = options.per().toMillis();
    this.tokens = full ? capacity : 0;
    this.last = now;
  }

  /** Takes one token if there is one. */
  public synchronized Take take(long now) {
    refill(now);
    if (tokens >= 1) {
      tokens -= 1;
      return new Take(true, 0, (long) Math.floor(tokens), limit, windowMs);
    }
    long wait = (long) Math.ceil((1 - tokens) / perMs);
    return new Take(false, wait, 0, limit, windowMs);
  }

  /** Tokens left now, without taking one. */
  public synchronized double available(long now) {
    refill(now);
    return tokens;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * perMs);
      last = now;
    }
  }

  /**
   * The outcome of one take.
   *
   * @param waitMs time until the next token when refused
   * @param remaining whole tokens left
   * @param limit the configured requests per window (for RateLimit-Limit)
   * @param windowMs the window (for RateLimit-Reset)
   */
  public record Take(boolean allowed, long waitMs, long remaining, int limit, long windowMs) {
    /** Retry-After in whole seconds, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, (waitMs + 999) / 1000);
    }
  }
}

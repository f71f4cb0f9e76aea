package io.wplive.proxy.config;

import java.time.Duration;

/** {@code { requests: 10, per: 1s, burst: 10 }}: a token bucket. */
public final class RateLimitOptions {
  private final int requests;
  private final Duration per;
  private final int burst;

  public RateLimitOptions(int requests, Duration per, int burst) {
    this.requests = requests;
    this.per = per;
    this.burst = burst;
  }

  /** @return the limit, or {@code null} when absent or switched off with {@code requests: 0} */
  public static RateLimitOptions read(ConfigNode parent, String key, boolean allowBurst) {
    ConfigNode n = parent.child(key);
    if (n == null) {
      return null;
    }
    int requests = n.integer("requests", 0, 0, 1_000_000_000);
    Duration per = n.duration("per", Duration.ofSeconds(1));
    int burst = allowBurst ? n.integer("burst", requests, 0, 1_000_000_000) : requests;
    if (!n.has("requests")) {
      n.problem("requests", "is required");
    }
    if (per.isZero() || per.isNegative()) {
      n.problem("per", "must be longer than 0");
    }
    n.finish();
    if (requests == 0) {
      return null;
    }
    return new RateLimitOptions(requests, per, Math.max(burst, 1));
  }

  public int requests() { return requests; }
  public Duration per() { return per; }
  public int burst() { return burst; }
}

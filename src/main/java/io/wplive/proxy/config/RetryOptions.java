package io.wplive.proxy.config;

import java.time.Duration;

/** {@code upstreams.*.retry:} retries after the first call, idempotent requests only. */
public final class RetryOptions {
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(100);

  private final int attempts;
  private final Duration backoff;

  RetryOptions(ConfigNode n) {
    attempts = n.integer("attempts", 0, 0, 10);
    backoff = n.duration("backoff", DEFAULT_BACKOFF);
  }

  public int attempts() { return attempts; }
  public Duration backoff() { return backoff; }
}

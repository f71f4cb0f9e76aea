package io.wplive.proxy.resilience;

import java.time.Clock;

/**
 * An upstream's own "stop calling me": a 429, a 503 with Retry-After, or a RateLimit-Remaining of
 * 0 with a reset time. Until it ends no call goes to that upstream.
 */
public final class Cooldown {
  private final Clock clock;
  private volatile long until;

  public Cooldown(Clock clock) {
    this.clock = clock;
  }

  /** Extends the cooldown to {@code seconds} from now (never shortens it). */
  public void start(long seconds) {
    long end = clock.millis() + seconds * 1000;
    if (end > until) {
      until = end;
    }
  }

  /** Sets the end time from another instance (shared through Redis). */
  public void until(long epochMillis) {
    if (epochMillis > until) {
      until = epochMillis;
    }
  }

  public boolean active() {
    return clock.millis() < until;
  }

  /** Whole seconds left, at least 1. */
  public long secondsLeft() {
    return Math.max(1, (until - clock.millis() + 999) / 1000);
  }

  public long endsAt() {
    return until;
  }
}

package io.wplive.proxy.config;

import java.time.Duration;

/** {@code upstreams.*.circuitBreaker:} on by default with these defaults. */
public final class BreakerOptions {
  public static final int DEFAULT_FAILURE_THRESHOLD = 5;
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
  public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);

  private final int failureThreshold;
  private final Duration window;
  private final Duration openFor;
  private final Duration slowCall;

  BreakerOptions(ConfigNode n) {
    failureThreshold = n.integer("failureThreshold", DEFAULT_FAILURE_THRESHOLD, 0, 1_000_000);
    window = n.duration("window", DEFAULT_WINDOW);
    openFor = n.duration("openFor", DEFAULT_OPEN_FOR);
    slowCall = n.duration("slowCall", Duration.ZERO);
    if (failureThreshold > 0 && window.isZero()) {
      n.problem("window", "must be longer than 0");
    }
    if (failureThreshold > 0 && openFor.isZero()) {
      n.problem("openFor", "must be longer than 0");
    }
  }

  /** {@code failureThreshold: 0} switches the breaker off. */
  public boolean enabled() { return failureThreshold > 0; }
  public int failureThreshold() { return failureThreshold; }
  public Duration window() { return window; }
  public Duration openFor() { return openFor; }
  /** {@link Duration#ZERO} = off. */
  public Duration slowCall() { return slowCall; }
}

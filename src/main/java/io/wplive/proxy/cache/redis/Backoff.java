package io.wplive.proxy.cache.redis;

/**
 * Exponential reconnect delays: 250 ms, 500 ms, 1 s, … capped at 5 s. Quick enough to notice a
 * Redis restart within seconds, slow enough not to hammer a Redis that is down for longer.
 */
final class Backoff {
  static final long FIRST_MS = 250;
  static final long MAX_MS = 5_000;

  private long next = FIRST_MS;

  /** The delay before the next attempt; each call doubles the following one up to the cap. */
  synchronized long nextDelayMs() {
    long d = next;
    next = Math.min(MAX_MS, next * 2);
    return d;
  }

  synchronized void reset() {
    next = FIRST_MS;
  }
}

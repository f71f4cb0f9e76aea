package io.wplive.proxy.resilience;

import io.vertx.core.Future;

/**
 * The outbound rate budget of the upstreams ({@code upstreams.*.rateLimit}): one token per call
 * to the wire, retries included. Local to the process, or shared by the fleet through Redis.
 */
public interface UpstreamBudget {
  /**
   * @param background a refresh nobody waits for: it only gets a token when the bucket is not
   *     low, so it never takes the last ones from a user's miss
   */
  Future<TokenBucket.Take> take(String upstream, boolean background);

  /** Tells the other instances that {@code upstream} asked for a pause of {@code ms}. */
  default void announceCooldown(String upstream, long ms) {
  }

  /** Tokens left in {@code upstream}'s bucket as last seen (for {@code /health}), or -1 when unknown. */
  double available(String upstream);
}

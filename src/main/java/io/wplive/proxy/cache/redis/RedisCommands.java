package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * Sends one command through the pooled client with a deadline. Redis commands have no timeout of
 * their own, so a stalled server would otherwise hold the caller forever. A command that fails
 * because Redis cannot serve turns {@link RedisAvailability} DOWN; one that only outlives its
 * deadline makes it check with a PING first.
 */
final class RedisCommands {
  private final Redis redis;
  private final long timeoutMs;
  private final RedisAvailability availability;

  RedisCommands(Redis redis, long timeoutMs, RedisAvailability availability) {
    this.redis = redis;
    this.timeoutMs = timeoutMs;
    this.availability = availability;
  }

  /** The reply ({@code null} for a Redis nil), or a failure; the deadline does not cancel the command. */
  Future<Response> send(Request request) {
    Future<Response> sent = redis.send(request);
    return sent
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onFailure(err -> {
          if (!sent.isComplete()) {
            availability.suspect(err); // our deadline passed: one slow answer is not yet an outage
          } else if (RedisFailures.meansUnavailable(err)) {
            availability.markDown(err);
          }
        });
  }
}

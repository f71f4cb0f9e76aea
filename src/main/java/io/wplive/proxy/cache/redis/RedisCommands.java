package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/**
 * Sends one command through the pooled client with a deadline. Redis commands have no timeout of
 * their own, so a stalled server would otherwise hold the caller forever; a command that fails
 * because Redis cannot serve turns {@link RedisAvailability} DOWN.
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
    return redis.send(request)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onFailure(err -> {
          if (RedisFailures.meansUnavailable(err)) {
            availability.markDown(err);
          }
        });
  }
}

package io.wplive.proxy.it.fleet;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.TestVertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads what the fleet wrote to Redis, from the test side (one short-lived connection per call). */
final class RedisPeek {
  private RedisPeek() {
  }

  /** Keys matching {@code pattern} ({@code KEYS}: fine on a test Redis). */
  static List<String> keys(String redisUrl, String pattern) {
    Redis client = Redis.createClient(TestVertx.get(), redisUrl);
    try {
      Response r = Blocking.await(client.send(Request.cmd(Command.KEYS).arg(pattern)), 5, TimeUnit.SECONDS);
      List<String> out = new ArrayList<>();
      if (r != null) {
        for (Response k : r) {
          out.add(k.toString());
        }
      }
      return out;
    } finally {
      client.close();
    }
  }

  /** The entry keys ({@code <prefix>e:{hash}}) stored under {@code keyPrefix}. */
  static List<String> entryKeys(String redisUrl, String keyPrefix) {
    return keys(redisUrl, keyPrefix + "e:*");
  }

  /** Milliseconds to live of {@code key}; negative when absent (-2) or without TTL (-1). */
  static long pttl(String redisUrl, String key) {
    Redis client = Redis.createClient(TestVertx.get(), redisUrl);
    try {
      Response r = Blocking.await(client.send(Request.cmd(Command.PTTL).arg(key)), 5, TimeUnit.SECONDS);
      return r.toLong();
    } finally {
      client.close();
    }
  }
}

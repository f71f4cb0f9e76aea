package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fetch lock of one cache key across instances ({@code SET NX PX}): the instance holding it
 * fetches, the others wait for its answer in Redis. The lock expires on its own, so a dead owner
 * only delays the others until one of them takes over.
 */
public final class FleetLock {
  /** Deletes the lock only if this owner still holds it. */
  static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final FleetRedis redis;

  public FleetLock(FleetRedis redis) {
    this.redis = redis;
  }

  /** A token for one holder. */
  public static String newOwner() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /** @return whether {@code owner} now holds the lock of {@code cacheKey}; fails when Redis cannot answer */
  public Future<Boolean> acquire(String cacheKey, String owner, long ttlMs) {
    return redis.send(Request.cmd(Command.SET).arg(key(cacheKey)).arg(owner).arg("NX").arg("PX").arg(ttlMs))
        .map(r -> r != null && "OK".equals(r.toString()));
  }

  /** Whether anyone holds the lock; fails when Redis cannot answer. */
  public Future<Boolean> held(String cacheKey) {
    return redis.send(Request.cmd(Command.EXISTS).arg(key(cacheKey))).map(r -> r != null && r.toInteger() > 0);
  }

  public Future<Void> release(String cacheKey, String owner) {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key(cacheKey)).arg(owner))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  public boolean usable() {
    return redis.available();
  }

  private String key(String cacheKey) {
    return redis.forEntry("l", cacheKey);
  }
}

package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances announce themselves in Redis (a sorted set of heartbeats) and count each other. While
 * Redis is unreachable an instance takes {@code 1/N} of every budget, N being the number of
 * instances it last saw alive, so the fleet stays inside the budget without talking.
 */
public final class FleetMembership {
  private static final Logger LOG = LoggerFactory.getLogger(FleetMembership.class);
  static final long BEAT_MS = 1_000;
  static final long ALIVE_MS = 5_000;

  private final Vertx vertx;
  private final FleetRedis redis;
  private final Clock clock;
  private final String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final String key;
  private volatile int lastSeen = 1;
  private long timer = -1;

  public FleetMembership(Vertx vertx, FleetRedis redis, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.clock = clock;
    this.key = redis.prefix() + "instances";
  }

  public void start() {
    beat();
    timer = vertx.setPeriodic(BEAT_MS, t -> beat());
  }

  private void beat() {
    long now = clock.millis();
    redis.send(Request.cmd(Command.ZADD).arg(key).arg(now).arg(id))
        .compose(r -> redis.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(key).arg("-inf").arg(now - ALIVE_MS)))
        .compose(r -> redis.send(Request.cmd(Command.PEXPIRE).arg(key).arg(ALIVE_MS * 4)))
        .compose(r -> redis.send(Request.cmd(Command.ZCARD).arg(key)))
        .onSuccess(r -> {
          int n = Math.max(1, r.toInteger());
          if (n != lastSeen) {
            LOG.info("fleet: {} instance(s) alive", n);
          }
          lastSeen = n;
        });
  }

  /** Instances seen alive at the last heartbeat that reached Redis (at least 1: this one). */
  public int lastSeen() {
    return lastSeen;
  }

  /** This instance's share of a budget while Redis is unreachable. */
  public double share() {
    return 1.0 / lastSeen;
  }

  public String id() {
    return id;
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return redis.send(Request.cmd(Command.ZREM).arg(key).arg(id)).<Void>mapEmpty().otherwiseEmpty();
  }
}

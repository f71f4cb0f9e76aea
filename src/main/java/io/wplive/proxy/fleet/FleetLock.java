package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fetch lock of one cache key across instances: the instance holding it fetches, the others
 * wait for its answer in Redis. The lock expires on its own, so a dead owner only delays the
 * others until one of them takes over.
 *
 * <p>When the owner's answer is not stored (or its fetch failed), it can leave an
 * <em>outcome</em> next to the lock before releasing it, for the waiters to answer from instead
 * of fetching again. Waiters know the owner they wait on (from {@link #acquire} and
 * {@link #holder}) and take only that owner's outcome. An instance that finds the lock held
 * marks the key as awaited, so an owner writes an outcome (the answer's body, maybe) only when
 * someone will read it.
 *
 * <p>Keys, all in the entry's Cluster slot: {@code l:} the lock (the owner's token),
 * {@code w:} the awaited mark, {@code o:} the outcome.
 */
public final class FleetLock {
  /**
   * Takes the lock if it is free; else marks it awaited. Either way returns the holder: a waiter
   * learns whose outcome to wait for in the same step that makes the owner write one.
   */
  static final String ACQUIRE = "local h = redis.call('GET', KEYS[1]) "
      + "if h then redis.call('SET', KEYS[2], '1', 'PX', ARGV[2]) return h end "
      + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) "
      + "return ARGV[1]";

  /** Releases only if this owner still holds the lock. */
  static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
      + "redis.call('DEL', KEYS[2]) return redis.call('DEL', KEYS[1]) end return 0";

  /** Releases if nobody waits (1 = someone does: the lock is kept for {@link #RELEASE_WITH_OUTCOME}). */
  static final String RELEASE_UNLESS_AWAITED = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end "
      + "if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end "
      + "redis.call('DEL', KEYS[1]) return 0";

  /**
   * Writes the outcome and releases, in one step, so no waiter sees the lock gone before the
   * outcome is there. An owner that lost the lock (it expired and someone took over) writes
   * nothing: its waiters have moved on to the new holder.
   */
  static final String RELEASE_WITH_OUTCOME = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end "
      + "redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3]) "
      + "redis.call('DEL', KEYS[2]) return redis.call('DEL', KEYS[1])";

  private final FleetRedis redis;

  public FleetLock(FleetRedis redis) {
    this.redis = redis;
  }

  /** A token for one holder. */
  public static String newOwner() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong());
  }

  /**
   * @return the holder of the lock of {@code cacheKey} after the attempt: {@code owner} when it
   *     took it, else the holder, whose outcome this caller now awaits; fails when Redis cannot answer
   */
  public Future<String> acquire(String cacheKey, String owner, long ttlMs) {
    return redis.send(Request.cmd(Command.EVAL).arg(ACQUIRE).arg(2).arg(lockKey(cacheKey)).arg(awaitedKey(cacheKey))
            .arg(owner).arg(ttlMs))
        .map(r -> r == null ? null : r.toString());
  }

  /** The token of whoever holds the lock, or {@code null} when nobody does; fails when Redis cannot answer. */
  public Future<String> holder(String cacheKey) {
    return redis.send(Request.cmd(Command.GET).arg(lockKey(cacheKey))).map(r -> r == null ? null : r.toString());
  }

  /** The outcome the last owner left, or {@code null}; fails when Redis cannot answer. */
  public Future<Buffer> outcome(String cacheKey) {
    return redis.send(Request.cmd(Command.GET).arg(outcomeKey(cacheKey))).map(r -> r == null ? null : r.toBuffer());
  }

  /** Releases without an outcome. Never fails. */
  public Future<Void> release(String cacheKey, String owner) {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(2).arg(lockKey(cacheKey)).arg(awaitedKey(cacheKey)).arg(owner))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * Releases unless another instance awaits this fetch.
   *
   * @return {@code true} when one does: the lock is still held, to be released with
   *     {@link #release(String, String, Buffer, long)}; fails when Redis cannot answer
   */
  public Future<Boolean> releaseUnlessAwaited(String cacheKey, String owner) {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE_UNLESS_AWAITED).arg(2).arg(lockKey(cacheKey))
            .arg(awaitedKey(cacheKey)).arg(owner))
        .map(r -> r != null && r.toInteger() == 1);
  }

  /** Leaves {@code outcome} for the waiters for {@code outcomeTtlMs}, then releases. Never fails. */
  public Future<Void> release(String cacheKey, String owner, Buffer outcome, long outcomeTtlMs) {
    return redis.send(Request.cmd(Command.EVAL).arg(RELEASE_WITH_OUTCOME).arg(3).arg(lockKey(cacheKey))
            .arg(awaitedKey(cacheKey)).arg(outcomeKey(cacheKey)).arg(owner).arg(outcome).arg(outcomeTtlMs))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  public boolean usable() {
    return redis.available();
  }

  private String lockKey(String cacheKey) {
    return redis.forEntry("l", cacheKey);
  }

  private String awaitedKey(String cacheKey) {
    return redis.forEntry("w", cacheKey);
  }

  private String outcomeKey(String cacheKey) {
    return redis.forEntry("o", cacheKey);
  }
}

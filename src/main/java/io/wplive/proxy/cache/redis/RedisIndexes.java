package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The purge indexes: sorted sets whose members are entry keys (per route, per tag) or route names (all
 * routes), scored by when the member expires.
 *
 * <p>Why sorted sets and not plain sets: entries leave Redis by TTL without telling anyone, so a
 * plain set of a busy route would keep the keys of every entry it ever had. With the expiry as the
 * score each write drops the members that are long gone, and the index key itself expires with its
 * last member. Every command here touches a single key, so all of it works in Cluster mode.
 */
final class RedisIndexes {
  /**
   * Members are kept this long past their expiry and index keys live this long past their last
   * member, so instances whose clocks disagree a little never drop a live entry from an index.
   */
  static final long CLOCK_SKEW_GRACE_MS = 60_000;

  /**
   * KEYS[1] index; ARGV[1] member; ARGV[2] its expiry (ms); ARGV[3] members expiring before this
   * are dropped; ARGV[4] the index key lives at least this many ms. ZADD GT keeps the later expiry
   * of a member written twice; PEXPIRE only ever extends the life of the index.
   */
  static final String ADD_SCRIPT = String.join("\n",
      "redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[1])",
      "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])",
      "local ttl = tonumber(ARGV[4])",
      "if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end",
      "return 1");
  static final String ADD_SCRIPT_SHA = sha1Hex(ADD_SCRIPT);

  private final RedisCommands commands;

  RedisIndexes(RedisCommands commands) {
    this.commands = commands;
  }

  /** Records {@code member} in {@code index} until {@code expiresAt}. */
  Future<Void> add(String index, String member, long expiresAt, long now) {
    long keepIndexMs = Math.max(1, expiresAt - now) + CLOCK_SKEW_GRACE_MS;
    long dropBefore = now - CLOCK_SKEW_GRACE_MS;
    return commands.send(script(Command.EVALSHA, ADD_SCRIPT_SHA, index, member, expiresAt, dropBefore, keepIndexMs))
        .recover(err -> RedisFailures.isNoScript(err)
            // First use on this node (or after SCRIPT FLUSH / a restart): send the script itself once.
            ? commands.send(script(Command.EVAL, ADD_SCRIPT, index, member, expiresAt, dropBefore, keepIndexMs))
            : Future.failedFuture(err))
        .mapEmpty();
  }

  /**
   * Empties {@code index}: takes up to {@code chunk} members at a time, runs {@code removeMember}
   * on each in parallel, then removes those members, until the index is empty. Members added while
   * this runs are removed too. Completes with the sum of what {@code removeMember} returned.
   *
   * @param removed running total, also readable after a failure (how much was done before it)
   */
  Future<Integer> drain(String index, int chunk, Function<String, Future<Integer>> removeMember, AtomicInteger removed) {
    return commands.send(Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(chunk - 1))
        .compose(reply -> {
          List<String> members = strings(reply);
          if (members.isEmpty()) {
            return Future.succeededFuture(removed.get());
          }
          List<Future<Integer>> removals = new ArrayList<>(members.size());
          for (String m : members) {
            removals.add(removeMember.apply(m).andThen(ar -> {
              if (ar.succeeded() && ar.result() != null) {
                removed.addAndGet(ar.result());
              }
            }));
          }
          Request zrem = Request.cmd(Command.ZREM).arg(index);
          members.forEach(zrem::arg);
          return Future.all(removals)
              .compose(done -> commands.send(zrem))
              .compose(done -> drain(index, chunk, removeMember, removed));
        });
  }

  private static Request script(Command cmd, String scriptOrSha, String index, String member,
      long expiresAt, long dropBefore, long keepIndexMs) {
    return Request.cmd(cmd).arg(scriptOrSha).arg(1).arg(index)
        .arg(member).arg(expiresAt).arg(dropBefore).arg(keepIndexMs);
  }

  private static List<String> strings(Response reply) {
    if (reply == null || reply.size() == 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(reply.size());
    for (Response r : reply) {
      out.add(r.toString());
    }
    return out;
  }

  private static String sha1Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}

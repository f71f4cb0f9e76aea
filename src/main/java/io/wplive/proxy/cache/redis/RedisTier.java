package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.cache.CacheTier;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.config.RedisTierOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared second tier in Redis (standalone, Sentinel, Cluster or replication).
 *
 * <p>Never an error for the caller: every command is bounded by {@code commandTimeout}; a lookup
 * that fails or is too slow completes with {@code null} (a miss), a write or purge that fails
 * completes normally, and both are counted in {@link #stats()}. One command that times out or
 * cannot reach Redis turns the tier unavailable (an error reply such as WRONGTYPE does not); while
 * it is, nothing is sent (lookups miss at once, writes and purges are dropped) and a PING probes
 * Redis with exponential backoff (250 ms to 5 s) until it answers.
 *
 * <p>Lookups that one event loop makes in the same turn go out as one MGET, and lookups of one key
 * in that turn share its answer ({@link LookupBatcher}): per command, the socket writes on both
 * ends cost more than the lookup, so this is what lets a core answer more Redis hits per second.
 * Not on a Cluster, where one MGET cannot span hash slots: there every lookup is its own GET.
 *
 * <p>In Cluster mode vertx-redis-client leases a connection to every master for each command, so
 * the tier's concurrency there is about {@link RedisOptionsFactory#MAX_POOL_SIZE} commands.
 *
 * <p>Layout (see {@link RedisKeys}): each entry is one string value, {@link EntryCodec}-encoded with
 * its full cache key, under a hashed key and with a Redis TTL ending at
 * {@link CachedResponse#expiresAt()}. Route and tag indexes make purges work without SCAN and with
 * single-key commands only, so they behave the same on a Cluster.
 */
public final class RedisTier implements CacheTier {
  private static final Logger log = LoggerFactory.getLogger(RedisTier.class);

  /** Entry keys deleted in parallel per round of a purge: fast without filling the pool's wait queue. */
  static final int PURGE_CHUNK = 128;
  /** Routes purged in parallel by {@link #clear()}; each runs rounds of {@link #PURGE_CHUNK}. */
  static final int CLEAR_ROUTES_CHUNK = 4;

  private final Redis redis;
  private final RedisKeys keys;
  private final Clock clock;
  private final RedisAvailability availability;
  private final RedisCommands commands;
  private final RedisIndexes indexes;
  private final LookupBatcher<CachedResponse> lookups;
  private final RedisTierStats stats = new RedisTierStats();

  /**
   * Creates the client and sends a first PING; until it answers the tier counts as available, so
   * the first requests try Redis rather than skip it.
   *
   * @param clock the clock entry times are computed with (expiry checks and Redis TTLs)
   */
  public RedisTier(Vertx vertx, RedisTierOptions options, Clock clock) {
    this.redis = Redis.createClient(vertx, RedisOptionsFactory.create(options));
    this.keys = new RedisKeys(options.keyPrefix());
    this.clock = clock;
    this.availability = new RedisAvailability(vertx, "Redis (" + options.mode() + ")", this::ping);
    this.commands = new RedisCommands(redis, options.commandTimeout().toMillis(), availability);
    this.indexes = new RedisIndexes(commands);
    this.lookups = new LookupBatcher<>(keys::entry, commands::send,
        RedisOptionsFactory.typeOf(options.mode()) == RedisClientType.CLUSTER,
        new LookupBatcher.Resolver<>() {
          @Override
          public CachedResponse resolve(String key, Response value, int lookups) {
            return entryFor(key, value, lookups);
          }

          @Override
          public CachedResponse failed(Throwable cause, int lookups) {
            return lookupFailed(cause, lookups);
          }
        });
    ping();
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Future<CachedResponse> get(String key) {
    if (skipBecauseDown()) {
      stats.lookupErrors.increment();
      return Future.succeededFuture();
    }
    return lookups.get(key);
  }

  /**
   * The stored entry if the value is one, was written for exactly this key and is still usable.
   *
   * @param lookups the callers this one reply answers, each counted
   */
  private CachedResponse entryFor(String key, Response reply, int lookups) {
    EntryCodec.Decoded d = reply == null ? null : EntryCodec.decode(reply.toBuffer());
    // The Redis key is a hash: a value written for another cache key is a collision, hence a miss.
    if (d == null || !d.cacheKey().equals(key) || d.entry().expiresAt() <= clock.millis()) {
      stats.misses.add(lookups);
      return null;
    }
    stats.hits.add(lookups);
    return d.entry();
  }

  private CachedResponse lookupFailed(Throwable err, int lookups) {
    stats.lookupErrors.add(lookups);
    log.debug("Redis lookup failed, treated as a miss: {}", err.toString());
    return null;
  }

  /**
   * Writes the indexes first, then the entry: an entry whose index write failed would survive the
   * purges of its route and tags, so it is not written at all.
   */
  @Override
  public Future<Void> put(String key, CachedResponse entry) {
    long now = clock.millis();
    long ttlMs = entry.expiresAt() - now;
    if (ttlMs <= 0 || skipBecauseDown()) {
      return Future.succeededFuture();
    }
    Buffer value;
    try {
      value = EntryCodec.encode(key, entry);
    } catch (IllegalArgumentException unstorable) {
      stats.writeErrors.increment();
      log.debug("Entry not stored in Redis: {}", unstorable.getMessage());
      return Future.succeededFuture();
    }
    String entryKey = keys.entry(key);
    return Future.all(indexWrites(key, entryKey, entry, now))
        .compose(indexed -> commands.send(Request.cmd(Command.SET).arg(entryKey).arg(value).arg("PX").arg(ttlMs)))
        .<Void>mapEmpty()
        .otherwise(err -> {
          stats.writeErrors.increment();
          log.debug("Redis write failed, dropped: {}", err.toString());
          return null;
        });
  }

  private List<Future<Void>> indexWrites(String key, String entryKey, CachedResponse entry, long now) {
    long expiresAt = entry.expiresAt();
    String route = RedisKeys.routeOf(key);
    List<Future<Void>> writes = new ArrayList<>();
    writes.add(indexes.add(keys.routeIndex(route), entryKey, expiresAt, now));
    writes.add(indexes.add(keys.allRoutes(), route, expiresAt, now));
    for (String tag : new LinkedHashSet<>(entry.tags())) {
      writes.add(indexes.add(keys.tagIndex(tag), entryKey, expiresAt, now));
    }
    return writes;
  }

  @Override
  public Future<Integer> remove(String key) {
    return purge(removed -> unlink(keys.entry(key)));
  }

  @Override
  public Future<Integer> removeRoute(String route) {
    return purge(removed -> indexes.drain(keys.routeIndex(route), PURGE_CHUNK, this::unlink, removed));
  }

  @Override
  public Future<Integer> removeTag(String tag) {
    return purge(removed -> indexes.drain(keys.tagIndex(tag), PURGE_CHUNK, this::unlink, removed));
  }

  /**
   * Every entry belongs to exactly one route, so draining every route index removes every entry.
   * Tag indexes are left to expire: after this they only name deleted keys, which later purges
   * skip (UNLINK of a missing key counts 0).
   */
  @Override
  public Future<Integer> clear() {
    return purge(removed -> indexes.drain(keys.allRoutes(), CLEAR_ROUTES_CHUNK,
        route -> indexes.drain(keys.routeIndex(route), PURGE_CHUNK, this::unlink, new AtomicInteger()), removed));
  }

  /**
   * Rewrites, in place, every entry of an index that {@code match} accepts: {@code change} returns
   * the new entry, or {@code null} to delete it. Used by soft purges (mark stale, keep the stale
   * windows) and by path purges (every Vary variant of one URI), which a plain UNLINK by index
   * cannot express. Reads each value once; purges are rare, so the round trips are affordable.
   *
   * @param index a route or tag index (members are entry keys)
   */
  public Future<Integer> rewrite(String index, java.util.function.Predicate<String> matchCacheKey,
      java.util.function.UnaryOperator<CachedResponse> change) {
    return purge(done -> commands.send(Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(-1))
        .compose(reply -> {
          List<Future<Integer>> each = new ArrayList<>();
          if (reply != null) {
            for (int i = 0; i < reply.size(); i++) {
              String entryKey = reply.get(i).toString();
              each.add(rewriteOne(entryKey, matchCacheKey, change).andThen(ar -> {
                if (ar.succeeded()) {
                  done.addAndGet(ar.result());
                }
              }));
            }
          }
          return Future.join(each).transform(ar -> Future.succeededFuture(done.get()));
        }));
  }

  /** {@link #rewrite} over every route's index: everything this proxy stored. */
  public Future<Integer> rewriteAll(java.util.function.UnaryOperator<CachedResponse> change) {
    return purge(done -> commands.send(Request.cmd(Command.ZRANGE).arg(keys.allRoutes()).arg(0).arg(-1))
        .compose(reply -> {
          List<Future<Integer>> each = new ArrayList<>();
          if (reply != null) {
            for (int i = 0; i < reply.size(); i++) {
              each.add(rewrite(keys.routeIndex(reply.get(i).toString()), k -> true, change)
                  .andThen(ar -> done.addAndGet(ar.succeeded() ? ar.result() : 0)));
            }
          }
          return Future.join(each).transform(ar -> Future.succeededFuture(done.get()));
        }));
  }

  public String routeIndex(String route) {
    return keys.routeIndex(route);
  }

  public String tagIndex(String tag) {
    return keys.tagIndex(tag);
  }

  private Future<Integer> rewriteOne(String entryKey, java.util.function.Predicate<String> matchCacheKey,
      java.util.function.UnaryOperator<CachedResponse> change) {
    return commands.send(Request.cmd(Command.GET).arg(entryKey)).compose(reply -> {
      EntryCodec.Decoded d = reply == null ? null : EntryCodec.decode(reply.toBuffer());
      if (d == null || !matchCacheKey.test(d.cacheKey())) {
        return Future.succeededFuture(0);
      }
      CachedResponse next = change.apply(d.entry());
      long ttl = next == null ? 0 : next.expiresAt() - clock.millis();
      if (next == null || ttl <= 0) {
        return unlink(entryKey);
      }
      return commands.send(Request.cmd(Command.SET).arg(entryKey).arg(EntryCodec.encode(d.cacheKey(), next))
          .arg("PX").arg(ttl).arg("XX")).map(r -> 1);
    });
  }

  /**
   * Runs a removal; on failure completes with what was removed before it (see the class comment:
   * purges never fail the caller).
   */
  private Future<Integer> purge(Function<AtomicInteger, Future<Integer>> removal) {
    if (skipBecauseDown()) {
      return Future.succeededFuture(0);
    }
    AtomicInteger removed = new AtomicInteger();
    return removal.apply(removed).otherwise(err -> {
      stats.writeErrors.increment();
      log.debug("Redis purge failed after {} entries: {}", removed.get(), err.toString());
      return removed.get();
    });
  }

  /** UNLINK rather than DEL: Redis frees large values in the background instead of blocking. */
  private Future<Integer> unlink(String redisKey) {
    return commands.send(Request.cmd(Command.UNLINK).arg(redisKey)).map(r -> r == null ? 0 : r.toInteger());
  }

  private boolean skipBecauseDown() {
    if (availability.isUp()) {
      return false;
    }
    stats.skippedWhileDown.increment();
    return true;
  }

  /**
   * One PING bounded by {@code commandTimeout}: succeeds when Redis answers (and turns the tier
   * available), fails otherwise (and turns it unavailable). For readiness checks.
   */
  public Future<Void> ping() {
    return commands.send(Request.cmd(Command.PING))
        .onSuccess(pong -> availability.markUp())
        .mapEmpty();
  }

  /** Cheap: whether the last command or probe found Redis serving. */
  public boolean available() {
    return availability.isUp();
  }

  /**
   * {@code listener} is called with {@code false} when Redis becomes unavailable and {@code true}
   * when it is back, on whichever thread noticed.
   */
  public void onAvailabilityChange(Consumer<Boolean> listener) {
    availability.addListener(listener);
  }

  public RedisTierStats stats() {
    return stats;
  }

  /** The key layout, e.g. for a fetch lock in the same Cluster slot as its entry ({@link RedisKeys#forEntry}). */
  public RedisKeys keys() {
    return keys;
  }

  /**
   * The pooled client, for other features that share this Redis (locks, rate budgets). Closed by
   * {@link #close()}; do not close it yourself.
   */
  public Redis client() {
    return redis;
  }

  /** Stops probing and closes the client. */
  public Future<Void> close() {
    availability.close();
    return redis.close();
  }
}

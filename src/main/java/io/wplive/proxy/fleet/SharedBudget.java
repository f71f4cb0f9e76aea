package io.wplive.proxy.fleet;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.config.RateLimitOptions;
import io.wplive.proxy.resilience.LocalBudget;
import io.wplive.proxy.resilience.TokenBucket;
import io.wplive.proxy.resilience.UpstreamBudget;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The outbound budget of every upstream as one token bucket in Redis, shared by all instances:
 * one atomic Lua script per take, timed by Redis's own clock so instances' clocks do not matter.
 * The same script honours a fleet-wide cooldown an upstream asked for (429 / Retry-After).
 * When Redis cannot answer, the local bucket with this instance's share of the budget decides.
 */
public final class SharedBudget implements UpstreamBudget {
  /** KEYS: bucket, cooldown. ARGV: capacity, tokens per ms, reserve, key ttl ms. Returns {allowed, waitMs, remaining, cooldown}. */
  static final String TAKE = String.join("\n",
      "local cd = redis.call('PTTL', KEYS[2])",
      "if cd > 0 then return {0, cd, 0, 1} end",
      "local cap = tonumber(ARGV[1])",
      "local rate = tonumber(ARGV[2])",
      "local reserve = tonumber(ARGV[3])",
      "local t = redis.call('TIME')",
      "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)",
      "local b = redis.call('HMGET', KEYS[1], 'tokens', 'ts')",
      "local tokens = tonumber(b[1])",
      "local ts = tonumber(b[2])",
      "if tokens == nil or ts == nil then tokens = cap; ts = now end",
      "if now > ts then tokens = math.min(cap, tokens + (now - ts) * rate); ts = now end",
      "local allowed = 0",
      "local wait = 0",
      "if tokens >= 1 + reserve then tokens = tokens - 1; allowed = 1",
      "else wait = math.ceil((1 + reserve - tokens) / rate) end",
      "redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(ts))",
      "redis.call('PEXPIRE', KEYS[1], ARGV[4])",
      "return {allowed, wait, math.floor(tokens), 0}");

  private final FleetRedis redis;
  private final Function<String, RateLimitOptions> limits;
  private final LocalBudget fallback;
  private final BiConsumer<String, Long> onSharedCooldown;
  private final Map<String, Double> lastSeenTokens = new ConcurrentHashMap<>();

  /**
   * @param onSharedCooldown told (upstream, ms left) when another instance's cooldown is found in Redis
   */
  public SharedBudget(FleetRedis redis, Function<String, RateLimitOptions> limits, Clock clock, FleetMembership fleet,
      BiConsumer<String, Long> onSharedCooldown) {
    this.redis = redis;
    this.limits = limits;
    this.fallback = new LocalBudget(limits, clock, fleet::share, false);
    this.onSharedCooldown = onSharedCooldown;
  }

  @Override
  public Future<TokenBucket.Take> take(String upstream, boolean background) {
    RateLimitOptions limit = limits.apply(upstream);
    if (!redis.available()) {
      return limit == null ? Future.succeededFuture(null) : fallback.take(upstream, background);
    }
    if (limit == null) {
      return checkCooldownOnly(upstream);
    }
    double perMs = limit.requests() / (double) limit.per().toMillis();
    double reserve = background ? limit.burst() * 0.25 : 0;
    long ttl = Math.max(60_000, limit.per().toMillis() * 4);
    Request eval = Request.cmd(Command.EVAL).arg(TAKE).arg(2).arg(bucketKey(upstream)).arg(cooldownKey(upstream))
        .arg(limit.burst()).arg(Double.toString(perMs)).arg(Double.toString(reserve)).arg(ttl);
    return redis.send(eval)
        .map(r -> toTake(upstream, r, limit))
        .recover(err -> fallback.take(upstream, background));
  }

  private Future<TokenBucket.Take> checkCooldownOnly(String upstream) {
    return redis.send(Request.cmd(Command.PTTL).arg(cooldownKey(upstream)))
        .map(r -> {
          long left = r == null ? -1 : r.toLong();
          if (left > 0) {
            onSharedCooldown.accept(upstream, left);
            return new TokenBucket.Take(false, left, 0, 0, 1000);
          }
          return (TokenBucket.Take) null;
        })
        .otherwise((TokenBucket.Take) null);
  }

  private TokenBucket.Take toTake(String upstream, Response r, RateLimitOptions limit) {
    boolean allowed = r.get(0).toInteger() == 1;
    long wait = r.get(1).toLong();
    long remaining = r.get(2).toLong();
    if (r.get(3).toInteger() == 1) {
      onSharedCooldown.accept(upstream, wait);
    }
    lastSeenTokens.put(upstream, (double) remaining);
    return new TokenBucket.Take(allowed, wait, remaining, limit.requests(), limit.per().toMillis());
  }

  @Override
  public void announceCooldown(String upstream, long ms) {
    redis.send(Request.cmd(Command.SET).arg(cooldownKey(upstream)).arg("1").arg("PX").arg(Math.max(1, ms)));
  }

  @Override
  public double available(String upstream) {
    if (!redis.available()) {
      return fallback.available(upstream);
    }
    return lastSeenTokens.getOrDefault(upstream, -1.0);
  }

  String bucketKey(String upstream) {
    return redis.prefix() + "b:{u-" + upstream + "}";
  }

  String cooldownKey(String upstream) {
    return redis.prefix() + "c:{u-" + upstream + "}";
  }
}

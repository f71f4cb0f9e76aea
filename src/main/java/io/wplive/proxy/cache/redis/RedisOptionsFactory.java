package io.wplive.proxy.cache.redis;

import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.RedisTopology;
import io.wplive.proxy.config.RedisTierOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns the {@code redis:} section of the config into vertx-redis-client options. */
public final class RedisOptionsFactory {
  /** Enough connections for thousands of concurrent lookups; the client defaults (6 / 24) are for scripts. */
  public static final int MAX_POOL_SIZE = 32;
  /** Lookups waiting for a pooled connection; beyond this a lookup fails fast (a miss). */
  public static final int MAX_POOL_WAITING = 1024;
  /** Connections older than this are recycled, so a failover or DNS change is picked up. */
  public static final int POOL_RECYCLE_MS = 15_000;
  /** A Redis that does not accept a TCP connection within a second is down for the proxy's purposes. */
  public static final int CONNECT_TIMEOUT_MS = 1_000;

  private RedisOptionsFactory() {
  }

  public static RedisOptions create(RedisTierOptions o) {
    RedisOptions r = new RedisOptions()
        .setType(typeOf(o.mode()))
        .setEndpoints(endpointsOf(o))
        .setMaxPoolSize(MAX_POOL_SIZE)
        .setMaxPoolWaiting(MAX_POOL_WAITING)
        .setPoolRecycleTimeout(POOL_RECYCLE_MS)
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(CONNECT_TIMEOUT_MS)
            .setTcpKeepAlive(true)
            .setTcpNoDelay(true));
    if (!o.password().isEmpty()) {
      // Used for every endpoint whose URL carries no password of its own.
      r.setPassword(o.password());
    }
    switch (r.getType()) {
      case SENTINEL -> r.setMasterName(o.masterName())
          .setRole(RedisRole.MASTER)
          // Watch the sentinels so connections move to a newly elected master on their own.
          .setAutoFailover(true);
      // Reads from replicas could see an entry a purge just deleted on the master.
      case CLUSTER -> r.setUseReplicas(RedisReplicas.NEVER);
      // Replication mode exists to spread reads; a purge reaches replicas within milliseconds.
      case REPLICATION -> r.setUseReplicas(RedisReplicas.SHARE).setTopology(RedisTopology.DISCOVER);
      default -> { }
    }
    return r;
  }

  static RedisClientType typeOf(String mode) {
    return switch (mode) {
      case "sentinel" -> RedisClientType.SENTINEL;
      case "cluster" -> RedisClientType.CLUSTER;
      case "replication" -> RedisClientType.REPLICATION;
      default -> RedisClientType.STANDALONE;
    };
  }

  /** {@code url} first (a sentinel, a cluster seed or the master), then the extra endpoints, without duplicates. */
  static List<String> endpointsOf(RedisTierOptions o) {
    Set<String> all = new LinkedHashSet<>();
    if (!o.url().isEmpty()) {
      all.add(o.url());
    }
    all.addAll(o.endpoints());
    return List.copyOf(all);
  }
}

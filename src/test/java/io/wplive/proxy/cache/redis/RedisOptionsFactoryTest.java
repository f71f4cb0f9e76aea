package io.wplive.proxy.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.RedisTopology;
import io.wplive.proxy.support.redis.RedisTestOptions;
import org.junit.jupiter.api.Test;

/** The client options each {@code redis.mode} produces; no server needed. */
class RedisOptionsFactoryTest {
  private static RedisOptions build(JsonObject redis) {
    return RedisOptionsFactory.create(RedisTestOptions.of(redis));
  }

  @Test
  void standaloneUsesTheUrlAndAProxySizedPool() {
    RedisOptions o = build(new JsonObject().put("url", "redis://cache.internal:6380/2"));
    assertThat(o.getType()).isEqualTo(RedisClientType.STANDALONE);
    assertThat(o.getEndpoints()).containsExactly("redis://cache.internal:6380/2");
    assertThat(o.getMaxPoolSize()).isEqualTo(32);
    assertThat(o.getMaxPoolWaiting()).isEqualTo(1024);
    assertThat(o.getPoolRecycleTimeout()).isEqualTo(15_000);
    assertThat(o.getNetClientOptions().getConnectTimeout()).isEqualTo(1_000);
    assertThat(o.getNetClientOptions().isTcpKeepAlive()).isTrue();
    assertThat(o.getPassword()).isNull();
  }

  @Test
  void sentinelUsesEveryEndpointTheMasterNameAndFailover() {
    RedisOptions o = build(new JsonObject()
        .put("mode", "sentinel")
        .put("url", "redis://sentinel-1:26379")
        .put("endpoints", new JsonArray().add("redis://sentinel-2:26379").add("redis://sentinel-3:26379"))
        .put("masterName", "cache-master")
        .put("password", "s3cret"));
    assertThat(o.getType()).isEqualTo(RedisClientType.SENTINEL);
    assertThat(o.getEndpoints()).containsExactly("redis://sentinel-1:26379", "redis://sentinel-2:26379", "redis://sentinel-3:26379");
    assertThat(o.getMasterName()).isEqualTo("cache-master");
    assertThat(o.getRole()).isEqualTo(RedisRole.MASTER);
    assertThat(o.isAutoFailover()).isTrue();
    assertThat(o.getPassword()).isEqualTo("s3cret");
  }

  @Test
  void sentinelDefaultsToMymaster() {
    RedisOptions o = build(new JsonObject().put("mode", "sentinel").put("url", "redis://sentinel-1:26379"));
    assertThat(o.getMasterName()).isEqualTo("mymaster");
  }

  @Test
  void clusterSeedsFromAllEndpointsAndReadsFromMastersOnly() {
    RedisOptions o = build(new JsonObject()
        .put("mode", "cluster")
        .put("url", "redis://node-1:7000")
        .put("endpoints", new JsonArray().add("redis://node-2:7000").add("redis://node-1:7000").add("rediss://node-3:7000")));
    assertThat(o.getType()).isEqualTo(RedisClientType.CLUSTER);
    assertThat(o.getEndpoints()).as("url first, duplicates dropped")
        .containsExactly("redis://node-1:7000", "redis://node-2:7000", "rediss://node-3:7000");
    assertThat(o.getUseReplicas()).isEqualTo(RedisReplicas.NEVER);
    assertThat(o.getMaxPoolSize()).isEqualTo(32);
  }

  @Test
  void clusterMayBeGivenOnlyEndpoints() {
    RedisOptions o = build(new JsonObject()
        .put("mode", "cluster")
        .put("endpoints", new JsonArray().add("redis://node-1:7000").add("redis://node-2:7000")));
    assertThat(o.getEndpoints()).containsExactly("redis://node-1:7000", "redis://node-2:7000");
  }

  @Test
  void replicationDiscoversTheTopologyAndSharesReads() {
    RedisOptions o = build(new JsonObject()
        .put("mode", "replication")
        .put("url", "redis://:pw@primary:6379")
        .put("endpoints", new JsonArray().add("redis://:pw@replica-1:6379")));
    assertThat(o.getType()).isEqualTo(RedisClientType.REPLICATION);
    assertThat(o.getEndpoints()).containsExactly("redis://:pw@primary:6379", "redis://:pw@replica-1:6379");
    assertThat(o.getTopology()).isEqualTo(RedisTopology.DISCOVER);
    assertThat(o.getUseReplicas()).isEqualTo(RedisReplicas.SHARE);
  }
}

package io.wplive.proxy.support.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.config.RedisTierOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A three-master Redis Cluster of local {@code redis-server} processes (no replicas), each with its
 * own temp directory and cluster config file. {@link #close()} (or the JVM shutdown hook of
 * {@link RedisServerProcess}) kills every node and deletes the directories.
 */
public final class RedisClusterFixture implements AutoCloseable {
  private static final int NODES = 3;
  private static final long READY_TIMEOUT_MS = 30_000;

  private final List<RedisServerProcess> nodes;

  private RedisClusterFixture(List<RedisServerProcess> nodes) {
    this.nodes = nodes;
  }

  /** Whether this machine can run one: {@code redis-server} and {@code redis-cli} on the PATH. */
  public static boolean supported() {
    return RedisServerProcess.onPath() && RedisServerProcess.executableOnPath("redis-cli");
  }

  /** Starts the nodes, joins them into one cluster and returns once every node reports cluster_state:ok. */
  public static RedisClusterFixture start() {
    List<RedisServerProcess> nodes = new ArrayList<>();
    RedisClusterFixture fixture = new RedisClusterFixture(nodes);
    try {
      for (int i = 0; i < NODES; i++) {
        RedisServerProcess node = new RedisServerProcess(FreePorts.withClusterBus(), List.of(
            "--cluster-enabled", "yes",
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "5000"));
        nodes.add(node);
        node.start();
      }
      fixture.createCluster();
      fixture.awaitClusterOk();
      return fixture;
    } catch (RuntimeException e) {
      fixture.close();
      throw e;
    }
  }

  private void createCluster() {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (RedisServerProcess n : nodes) {
      cmd.add("127.0.0.1:" + n.port());
    }
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    // Output goes to a file, not a pipe: reading a pipe could block past the timeout.
    Path logFile = nodes.get(0).dir().resolve("cluster-create.log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
      boolean exited = p.waitFor(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      if (!exited || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("redis-cli --cluster create failed:\n" + Files.readString(logFile, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitClusterOk() {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (nodes.stream().allMatch(n -> clusterInfo(n.port()).contains("cluster_state:ok"))) {
        return;
      }
      RedisServerProcess.sleep(50);
    }
    throw new IllegalStateException("cluster did not reach cluster_state:ok");
  }

  private static String clusterInfo(int port) {
    try {
      String info = RespProbe.command(port, "CLUSTER INFO", 1_000);
      return info == null ? "" : info;
    } catch (IOException notYet) {
      return "";
    }
  }

  public List<Integer> ports() {
    return nodes.stream().map(RedisServerProcess::port).toList();
  }

  /** Number of keys each node holds, in node order (to see that entries spread over the masters). */
  public List<Long> keysPerNode() {
    List<Long> out = new ArrayList<>();
    for (RedisServerProcess n : nodes) {
      try {
        out.add(Long.parseLong(RespProbe.command(n.port(), "DBSIZE", 1_000).substring(1)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Cluster-mode options: the first node as {@code url}, the others as {@code endpoints}; 2 s command timeout as in {@link RedisFixture}. */
  public RedisTierOptions tierOptions(String keyPrefix) {
    List<Integer> ports = ports();
    JsonArray endpoints = new JsonArray();
    ports.subList(1, ports.size()).forEach(p -> endpoints.add("redis://127.0.0.1:" + p));
    return RedisTestOptions.of(new JsonObject()
        .put("url", "redis://127.0.0.1:" + ports.get(0))
        .put("mode", "cluster")
        .put("endpoints", endpoints)
        .put("keyPrefix", keyPrefix)
        .put("commandTimeout", "2s"));
  }

  @Override
  public void close() {
    nodes.forEach(RedisServerProcess::close);
  }
}

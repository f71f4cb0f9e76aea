package io.wplive.proxy.support.redis;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.config.RedisTierOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A standalone Redis for tests, from the first source that works:
 * <ol>
 *   <li>{@code REDIS_URL} when set (a CI service container, a developer's Redis);</li>
 *   <li>a Testcontainers {@code redis:7-alpine} when a Docker engine answers;</li>
 *   <li>{@code redis-server} from the PATH, started on a free port.</li>
 * </ol>
 * Only the last can be {@link #kill() killed}, {@link #freeze() frozen} and
 * {@link #restart() restarted}; fault tests use {@link #startLocal()} to get one.
 *
 * <p>Tests share a Redis but never keys: each takes its own {@link #newKeyPrefix()}.
 */
public final class RedisFixture implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisFixture.class);
  /** Long enough for a slow Docker engine to answer, short enough that a missing one costs little. */
  private static final long DOCKER_CHECK_TIMEOUT_S = 10;

  private static RedisFixture shared;

  private final String url;
  private final RedisServerProcess process;
  private final GenericContainer<?> container;

  private RedisFixture(String url, RedisServerProcess process, GenericContainer<?> container) {
    this.url = url;
    this.process = process;
    this.container = container;
  }

  /**
   * One Redis for the whole test JVM, started on first use and stopped by a shutdown hook. Never
   * kill it: other test classes use it too.
   */
  public static synchronized RedisFixture shared() {
    if (shared == null) {
      shared = startAny();
      RedisFixture s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "redis-fixture-shared-cleanup"));
    }
    return shared;
  }

  /** A Redis of the caller's own, in the order of the class comment; {@link #close()} it. */
  public static RedisFixture startAny() {
    String env = System.getenv("REDIS_URL");
    if (env != null && !env.isBlank()) {
      log.info("Tests use REDIS_URL");
      return new RedisFixture(env.trim(), null, null);
    }
    if (dockerAvailable()) {
      GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
      c.start();
      log.info("Tests use a Testcontainers Redis");
      return new RedisFixture("redis://" + c.getHost() + ":" + c.getMappedPort(6379), null, c);
    }
    return startLocal();
  }

  /** A {@code redis-server} child process of this JVM, which fault tests may kill and restart. */
  public static RedisFixture startLocal() {
    if (!RedisServerProcess.onPath()) {
      throw new IllegalStateException("no REDIS_URL, no Docker and no redis-server on the PATH: cannot run Redis tests");
    }
    RedisServerProcess p = new RedisServerProcess(FreePorts.any(), List.of());
    try {
      p.start();
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return new RedisFixture("redis://127.0.0.1:" + p.port(), p, null);
  }

  /**
   * Asks Testcontainers only when a Docker endpoint plausibly exists, and never waits long: on a
   * machine without Docker its discovery can take a while, and it must never hang the build.
   */
  static boolean dockerAvailable() {
    boolean hint = System.getenv("DOCKER_HOST") != null
        || Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
        || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
    if (!hint) {
      return false;
    }
    ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "docker-check");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<Boolean> check = ex.submit(() -> DockerClientFactory.instance().isDockerAvailable());
      return check.get(DOCKER_CHECK_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception | LinkageError notAvailable) {
      return false;
    } finally {
      ex.shutdownNow();
    }
  }

  public String url() {
    return url;
  }

  /** A key prefix no other test uses: {@code test-<uuid>:}. */
  public static String newKeyPrefix() {
    return "test-" + UUID.randomUUID() + ":";
  }

  /**
   * Standalone options for this Redis. The command timeout is a generous 2 s: a cold JVM opening
   * its first pooled connections on a busy CI machine must not look like an outage. Fault tests
   * pass a short one to {@link #tierOptions(String, String)}.
   */
  public RedisTierOptions tierOptions(String keyPrefix) {
    return tierOptions(keyPrefix, "2s");
  }

  public RedisTierOptions tierOptions(String keyPrefix, String commandTimeout) {
    return RedisTestOptions.of(new JsonObject()
        .put("url", url)
        .put("mode", "standalone")
        .put("keyPrefix", keyPrefix)
        .put("commandTimeout", commandTimeout));
  }

  /** Whether {@link #kill()}, {@link #freeze()} and {@link #restart()} work (a local process). */
  public boolean killable() {
    return process != null;
  }

  public void kill() {
    local().kill();
  }

  public void restart() {
    local().restart();
  }

  public void freeze() {
    local().freeze();
  }

  public void thaw() {
    local().thaw();
  }

  private RedisServerProcess local() {
    if (process == null) {
      throw new IllegalStateException("this Redis is not a local process; use RedisFixture.startLocal()");
    }
    return process;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
    if (container != null) {
      container.stop();
    }
  }
}

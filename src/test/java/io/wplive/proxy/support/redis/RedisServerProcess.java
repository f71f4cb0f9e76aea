package io.wplive.proxy.support.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code redis-server} child process on a fixed port, with its own temp directory. It can be
 * killed, frozen and restarted on the same port, so tests can take Redis away mid-test. Every
 * process is also stopped by a JVM shutdown hook, so a failed or aborted test run leaves nothing
 * behind.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final Set<RedisServerProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final long START_TIMEOUT_MS = 10_000;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(RedisServerProcess::close), "redis-fixture-cleanup"));
  }

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private Process process;

  /**
   * @param extraArgs further {@code --option value} arguments (cluster mode, …)
   */
  public RedisServerProcess(int port, List<String> extraArgs) {
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    try {
      this.dir = Files.createTempDirectory("redis-fixture-" + port + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LIVE.add(this);
  }

  /** Whether an executable {@code redis-server} is on the PATH. */
  public static boolean onPath() {
    return executableOnPath("redis-server");
  }

  static boolean executableOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return true;
      }
    }
    return false;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** Starts the server and returns once it answers PING. */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(
        "redis-server",
        "--port", String.valueOf(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--dir", dir.toString(),
        "--daemonize", "no"));
    cmd.addAll(extraArgs);
    try {
      process = new ProcessBuilder(cmd)
          .directory(dir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
    awaitPing();
  }

  private void awaitPing() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (RespProbe.pings(port)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server on port " + port + " exited: " + logTail());
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING: " + logTail());
  }

  /** SIGKILL: connections drop at once, as when a Redis host dies. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Kill, then start again on the same port (an empty Redis: persistence is off). */
  public synchronized void restart() {
    kill();
    start();
  }

  /** SIGSTOP: the server keeps its sockets but answers nothing, as a stalled Redis does. */
  public synchronized void freeze() {
    signal("STOP");
  }

  /** SIGCONT after {@link #freeze()}. */
  public synchronized void thaw() {
    signal("CONT");
  }

  private void signal(String sig) {
    if (process == null) {
      throw new IllegalStateException("not running");
    }
    try {
      int rc = new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IllegalStateException("kill -" + sig + " exited with " + rc);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /** Kills the server (a frozen one too) and deletes its directory. */
  @Override
  public synchronized void close() {
    kill();
    LIVE.remove(this);
    deleteRecursively(dir);
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("redis.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort: a temp directory left behind is harmless
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

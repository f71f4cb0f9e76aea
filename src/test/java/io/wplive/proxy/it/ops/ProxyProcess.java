package io.wplive.proxy.it.ops;

import io.wplive.proxy.it.security.Wire;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.HttpResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The packaged proxy ({@code target/wp-live-proxy.jar}) as a child process, for the tests that
 * need a real process: signals, exit codes, the config file watcher. Captures stdout and stderr.
 * Tests using it are named *IT and skip (with a message) when the jar has not been built.
 */
public final class ProxyProcess implements AutoCloseable {
  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final List<Thread> pumps = new ArrayList<>();

  private ProxyProcess(Process process) {
    this.process = process;
    pumps.add(pump(process.getInputStream(), out, "stdout"));
    pumps.add(pump(process.getErrorStream(), err, "stderr"));
  }

  public static Path jar() {
    return Path.of(System.getProperty("user.dir"), "target", "wp-live-proxy.jar");
  }

  /** Skips the calling test when the runnable jar is not there (before `mvn package`). */
  public static void assumeJarBuilt() {
    Assumptions.assumeTrue(Files.isRegularFile(jar()),
        "process-level test skipped: " + jar() + " does not exist; build it first (mvn package -DskipTests), "
            + "or run it with `mvn verify` through the failsafe plugin");
  }

  /** Starts {@code java -jar wp-live-proxy.jar} with {@code args}; WPLP_CONFIG is removed from the environment. */
  public static ProxyProcess start(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("WPLP_CONFIG");
    try {
      return new ProxyProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Thread pump(InputStream in, StringBuffer sink, String name) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // process gone
      }
    }, "proxy-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  public String stdout() {
    return out.toString();
  }

  public String stderr() {
    return err.toString();
  }

  /** Both streams, for failure messages. */
  public String output() {
    return "--- stdout ---\n" + tail(stdout()) + "\n--- stderr ---\n" + tail(stderr());
  }

  private static String tail(String s) {
    return s.length() > 6000 ? "…" + s.substring(s.length() - 6000) : s;
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits for the exit; returns the exit code, or throws when it does not exit in time. */
  public int awaitExit(Duration max) {
    try {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the proxy did not exit within " + max + "\n" + output());
      }
      for (Thread t : pumps) {
        t.join(2_000);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until GET {@code path} on {@code port} answers {@code status}, or fails with the process output. */
  public HttpResult awaitStatus(int port, String path, int status, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    HttpResult last = null;
    Throwable lastError = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the proxy exited with " + process.exitValue() + " while waiting for " + path + "\n" + output());
      }
      try {
        last = get(port, path);
        if (last.status() == status) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      Blocking.sleep(100);
    }
    throw new AssertionError("GET " + path + " did not answer " + status + " within " + max + "; last: " + last
        + (lastError == null ? "" : " / " + lastError) + "\n" + output());
  }

  /** Waits until stdout or stderr contains {@code text}. */
  public void awaitOutput(String text, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (stdout().contains(text) || stderr().contains(text)) {
        return;
      }
      Blocking.sleep(100);
    }
    throw new AssertionError("the proxy never printed \"" + text + "\" within " + max + "\n" + output());
  }

  /** One GET over a fresh connection. */
  public static HttpResult get(int port, String path) {
    try (Wire w = Wire.connect(port).timeout(10_000)) {
      return w.exchange(Wire.build(port, "GET " + path + " HTTP/1.1", null));
    }
  }

  /** SIGTERM (what Process.destroy sends on Linux). */
  public void sigterm() {
    process.destroy();
  }

  /** SIGINT, through kill(1). */
  public void sigint() {
    try {
      Process k = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
      k.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Replaces {@code file} atomically (write aside, then rename), as a careful deploy tool would. */
  public static void writeAtomically(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

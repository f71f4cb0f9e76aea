package io.wplive.proxy.server;

import io.vertx.core.Vertx;
import io.wplive.proxy.config.ConfigException;
import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.observability.ProxyMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config file (SPEC §3 "Hot reload"): when its bytes change, the new config is read
 * and validated on a worker thread; a valid one is handed to {@code apply}, an invalid one is
 * logged field by field, counted as rejected, and the running config stays.
 *
 * <p>A change is read only once the file has stayed the same for one whole period: editors and
 * deploy tools often write a file in several steps, and a half-written file would otherwise be
 * rejected (an alarming log line and metric) just before the complete one is taken.
 */
final class ConfigReloader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

  private final Vertx vertx;
  private final Path file;
  private final ConfigLoader loader;
  private final ProxyMetrics metrics;
  private final Consumer<ProxyConfig> apply;
  private byte[] lastDigest; // of the file as last read (or as it was at start)
  private byte[] changedDigest; // of a changed file seen once, not read until seen again unchanged
  private long timer = -1;

  ConfigReloader(Vertx vertx, Path file, ConfigLoader loader, ProxyMetrics metrics, Consumer<ProxyConfig> apply) {
    this.vertx = vertx;
    this.file = file;
    this.loader = loader;
    this.metrics = metrics;
    this.apply = apply;
  }

  /** Starts polling every {@code periodMs}; the file as it is now is the baseline. */
  void start(long periodMs) {
    lastDigest = digest();
    timer = vertx.setPeriodic(periodMs, t -> check());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void check() {
    vertx.<ProxyConfig>executeBlocking(() -> {
      byte[] d = digest();
      if (d == null || Arrays.equals(d, lastDigest)) {
        changedDigest = null;
        return null;
      }
      if (!Arrays.equals(d, changedDigest)) {
        changedDigest = d; // still being written, maybe: look again next period
        return null;
      }
      changedDigest = null;
      lastDigest = d;
      try {
        return loader.load(file);
      } catch (ConfigException e) {
        LOG.error("config {} changed but is invalid; keeping the running config:\n  {}", file, String.join("\n  ", e.problems()));
        metrics.configReload(false);
        return null;
      }
    }, true).onSuccess(cfg -> { // ordered: one check at a time
      if (cfg != null) {
        apply.accept(cfg);
        metrics.configReload(true);
      }
    }).onFailure(err -> LOG.error("config reload failed", err));
  }

  private byte[] digest() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (Exception e) {
      return null; // unreadable for a moment (an editor replacing it): look again next time
    }
  }
}

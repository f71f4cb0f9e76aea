package io.wplive.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.config.TestConfigs;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.support.redis.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §3 hot reload: a changed file is read once it has settled, so a half-written one is never rejected. */
class ConfigReloaderTest {
  private static final long PERIOD_MS = 400;

  @TempDir
  Path dir;
  private Vertx vertx;
  private SimpleMeterRegistry registry;
  private ConfigReloader reloader;
  private final List<ProxyConfig> applied = new CopyOnWriteArrayList<>();
  private Path file;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    registry = new SimpleMeterRegistry();
    file = dir.resolve("config.yaml");
    write(TestConfigs.routes("a /api/a"));
    reloader = new ConfigReloader(vertx, file, new ConfigLoader(Map.<String, String>of()::get), new ProxyMetrics(registry),
        applied::add);
    reloader.start(PERIOD_MS);
  }

  @AfterEach
  void tearDown() {
    reloader.stop();
    vertx.close().await();
  }

  private void write(String yaml) throws Exception {
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
  }

  private double reloads(String result) {
    var c = registry.find("wplp_config_reloads").tag("result", result).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void aFileWrittenInTwoStepsIsReadOnceWholeAndNeverRejected() throws Exception {
    String whole = TestConfigs.routes("a /api/a", "b /api/b");
    // the first poll comes PERIOD_MS after start: the half file is there from 3/4 to 11/8 of a
    // period, so that poll sees it (the old reloader rejected it then) and the next one does not
    Thread.sleep(PERIOD_MS * 3 / 4);
    write(whole.substring(0, whole.indexOf("  - name: b") + 12)); // cut inside the second route: invalid
    Thread.sleep(PERIOD_MS * 5 / 8);
    write(whole);
    Await.until(() -> !applied.isEmpty(), Duration.ofSeconds(10), "the whole file is applied");
    Thread.sleep(3 * PERIOD_MS);
    assertThat(applied).hasSize(1);
    assertThat(applied.get(0).routes()).hasSize(2);
    assertThat(reloads("rejected")).as("the half-written file was never read").isZero();
    assertThat(reloads("success")).isEqualTo(1);
  }

  @Test
  void anInvalidFileThatStaysIsRejectedOnceAndTheValidOneAfterItApplied() throws Exception {
    write(TestConfigs.routes("a /api/a") + "  - name: broken\n");
    Await.until(() -> reloads("rejected") == 1, Duration.ofSeconds(10), "the invalid file is rejected");
    Thread.sleep(3 * PERIOD_MS);
    assertThat(reloads("rejected")).as("rejected once, not on every poll").isEqualTo(1);
    assertThat(applied).isEmpty();
    write(TestConfigs.routes("a /api/a", "c /api/c"));
    Await.until(() -> applied.size() == 1, Duration.ofSeconds(10), "the fixed file is applied");
  }
}

package io.wplive.proxy.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 / SPEC §3 "Hot reload", on the packaged jar: the config file is watched; a route added
 * to it answers within 15 s without a restart; an invalid file is rejected (logged with the field
 * that is wrong, counted as wplp_config_reloads_total{result="rejected"}) and the running routes
 * keep answering. The file is replaced atomically, as a deploy tool would.
 */
@Timeout(180)
class HotReloadIT {
  @TempDir
  Path dir;
  private FakeUpstream upstream;
  private ProxyProcess proxy;
  private int port;
  private Path config;

  static String resource(String name) {
    try (InputStream in = HotReloadIT.class.getResourceAsStream("/it/ops/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource it/ops/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String version(String name) {
    return resource(name).replace("@PORT@", Integer.toString(port)).replace("@UPSTREAM@", upstream.url());
  }

  @BeforeEach
  void start() throws IOException {
    ProxyProcess.assumeJarBuilt();
    upstream = new FakeUpstream().start();
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    port = Blocking.freePort();
    config = dir.resolve("config.yaml");
    Files.writeString(config, version("hot-reload-v1.yaml"));
    proxy = ProxyProcess.start("--config", config.toString());
    proxy.awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(90));
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private PrometheusText metrics() {
    HttpResult m = ProxyProcess.get(port, "/metrics");
    assertThat(m.status()).isEqualTo(200);
    return PrometheusText.parse(m.text());
  }

  @Test
  void anAddedRouteAnswersWithoutARestartAndAnInvalidFileIsRejected() {
    long pid = proxy.pid();
    assertThat(ProxyProcess.get(port, "/api/first").status()).isEqualTo(200);
    assertThat(ProxyProcess.get(port, "/api/second").status()).isEqualTo(404);

    // 1. a route is added
    ProxyProcess.writeAtomically(config, version("hot-reload-v2.yaml"));
    long t0 = System.nanoTime();
    HttpResult second = proxy.awaitStatus(port, "/api/second", 200, Duration.ofSeconds(15));
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(second.text()).contains("/base/second");
    assertThat(proxy.pid()).isEqualTo(pid);
    assertThat(proxy.alive()).isTrue();
    PrometheusText afterAdd = metrics();
    assertThat(afterAdd.value("wplp_config_reloads_total", "result", "success")).as("reload took %d ms", tookMs).isEqualTo(1.0);
    assertThat(afterAdd.value("wplp_config_reloads_total", "result", "rejected")).isEqualTo(0.0);
    assertThat(ProxyProcess.get(port, "/api/first").xCache()).as("the cache survives a reload").isEqualTo("HIT");

    // 2. an invalid version is rejected; the running config stays
    ProxyProcess.writeAtomically(config, version("hot-reload-invalid.yaml"));
    proxy.awaitOutput("routes[1].cache.ttl", Duration.ofSeconds(15));
    String log = proxy.stdout() + proxy.stderr();
    assertThat(log).contains("5 minutes");
    assertThat(log).as("every problem is logged").contains("routes[2].cahce");
    long deadline = System.currentTimeMillis() + 15_000;
    double rejected;
    do {
      rejected = metrics().value("wplp_config_reloads_total", "result", "rejected");
      if (rejected < 1.0) {
        Blocking.sleep(200);
      }
    } while (rejected < 1.0 && System.currentTimeMillis() < deadline);
    assertThat(rejected).isEqualTo(1.0);
    assertThat(ProxyProcess.get(port, "/api/first").status()).isEqualTo(200);
    assertThat(ProxyProcess.get(port, "/api/second").status()).as("the routes of the last good config stay").isEqualTo(200);
    assertThat(ProxyProcess.get(port, "/api/third").status()).isEqualTo(404);

    // the same invalid file is not counted again on every check
    Blocking.sleep(4_500);
    PrometheusText later = metrics();
    assertThat(later.value("wplp_config_reloads_total", "result", "rejected")).isEqualTo(1.0);
    assertThat(later.value("wplp_config_reloads_total", "result", "success")).isEqualTo(1.0);
    assertThat(proxy.pid()).isEqualTo(pid);
    assertThat(proxy.alive()).isTrue();
  }

  @Test
  void aRemovedRouteStopsAnsweringAndTheOldVersionComesBack() {
    ProxyProcess.writeAtomically(config, version("hot-reload-v2.yaml"));
    proxy.awaitStatus(port, "/api/second", 200, Duration.ofSeconds(15));
    ProxyProcess.writeAtomically(config, version("hot-reload-v1.yaml"));
    proxy.awaitStatus(port, "/api/second", 404, Duration.ofSeconds(15));
    assertThat(ProxyProcess.get(port, "/api/first").status()).isEqualTo(200);
  }
}

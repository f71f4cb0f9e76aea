package io.wplive.proxy.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.it.security.Wire;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 / SPEC §2 on the packaged jar: SIGTERM (and SIGINT) → readiness 503 during drainDelay,
 * in-flight requests finish within shutdownGrace, exit code 0 (also when the grace runs out);
 * a bad config → exit 2 with `path: message` lines on stderr; a port in use → exit 1.
 */
@Timeout(180)
class GracefulShutdownIT {
  private static final Pattern PROBLEM = Pattern.compile("^[^:]+: .+");

  @TempDir
  Path dir;
  private FakeUpstream upstream;
  private ProxyProcess proxy;
  private int port;

  @BeforeEach
  void prepare() {
    ProxyProcess.assumeJarBuilt();
    upstream = new FakeUpstream().start();
    port = Blocking.freePort();
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

  private Path config(String grace) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, HotReloadIT.resource("shutdown.yaml").replace("@PORT@", Integer.toString(port))
        .replace("@UPSTREAM@", upstream.url()).replace("@GRACE@", grace));
    return file;
  }

  private void startProxy(String grace) throws IOException {
    proxy = ProxyProcess.start("--config", config(grace).toString());
    proxy.awaitStatus(port, "/health/ready", 200, Duration.ofSeconds(90));
  }

  /** A request sent from another thread over its own connection. */
  private CompletableFuture<HttpResult> inFlight(String path) {
    return CompletableFuture.supplyAsync(() -> {
      try (Wire w = Wire.connect(port).timeout(30_000)) {
        return w.exchange(Wire.build(port, "GET " + path + " HTTP/1.1", null));
      }
    });
  }

  @Test
  void sigtermDrainsFinishesInFlightRequestsAndExitsZero() throws Exception {
    upstream.reply(Reply.ok("{\"slow\":true}").delay(2_000));
    startProxy("5s");
    CompletableFuture<HttpResult> request = inFlight("/api/slow");
    upstream.awaitTotal(1, Duration.ofSeconds(10));

    long signalled = System.nanoTime();
    proxy.sigterm();
    // during the drain delay the listener still accepts, and readiness says 503
    int ready503 = 0;
    int readyOther = 0;
    while (System.nanoTime() - signalled < 900_000_000L) {
      try {
        HttpResult ready = ProxyProcess.get(port, "/health/ready");
        if (ready.status() == 503) {
          ready503++;
          assertThat(ready.json().getString("status")).isEqualTo("DOWN");
          assertThat(ready.json().getJsonObject("checks")).isNotNull();
        } else {
          readyOther++;
        }
      } catch (RuntimeException e) {
        break; // no longer accepting
      }
      Blocking.sleep(50);
    }
    assertThat(ready503).as("/health/ready answered 503 while draining (other answers: %d)\n%s", readyOther, proxy.output())
        .isPositive();

    HttpResult answer = request.get(15, TimeUnit.SECONDS);
    assertThat(answer.status()).as("the in-flight request finishes: %s\n%s", answer, proxy.output()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("{\"slow\":true}");
    int code = proxy.awaitExit(Duration.ofSeconds(20));
    long tookMs = (System.nanoTime() - signalled) / 1_000_000;
    assertThat(code).as("exit code after SIGTERM\n%s", proxy.output()).isZero();
    assertThat(tookMs).as("stopped within drainDelay + shutdownGrace (+ slack)").isLessThan(12_000);
  }

  @Test
  void sigintExitsZeroToo() throws Exception {
    upstream.reply(Reply.ok("{}"));
    startProxy("2s");
    proxy.sigint();
    assertThat(proxy.awaitExit(Duration.ofSeconds(20))).as("exit code after SIGINT\n%s", proxy.output()).isZero();
  }

  @Test
  void whenTheGraceRunsOutTheExitCodeIsStillZero() throws Exception {
    upstream.reply(Reply.ok("{}").delay(20_000));
    startProxy("1s");
    CompletableFuture<HttpResult> request = inFlight("/api/slow");
    upstream.awaitTotal(1, Duration.ofSeconds(10));
    long signalled = System.nanoTime();
    proxy.sigterm();
    int code = proxy.awaitExit(Duration.ofSeconds(20));
    long tookMs = (System.nanoTime() - signalled) / 1_000_000;
    assertThat(code).as("exit code when the grace ran out\n%s", proxy.output()).isZero();
    assertThat(tookMs).as("1 s drain + 1 s grace, not the upstream's 20 s").isLessThan(10_000);
    // the cut-off client got an error answer or a closed connection, never a hang
    try {
      HttpResult r = request.get(5, TimeUnit.SECONDS);
      assertThat(r.status()).isGreaterThanOrEqualTo(500);
    } catch (java.util.concurrent.ExecutionException expected) {
      // connection closed without an answer
    }
  }

  @Test
  void aBadConfigExitsTwoWithPathMessageLinesOnStderr() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, HotReloadIT.resource("bad-config.yaml"));
    proxy = ProxyProcess.start("--config", bad.toString());
    int code = proxy.awaitExit(Duration.ofSeconds(60));
    assertThat(code).as("exit code for a bad config\n%s", proxy.output()).isEqualTo(2);
    List<String> lines = Arrays.stream(proxy.stderr().split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    assertThat(lines).as("stderr").anySatisfy(l -> assertThat(l).startsWith("routes[0].cache.ttl: ").contains("5 minutes"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("routes[1].upstream: "));
    assertThat(lines).allSatisfy(l -> assertThat(l).matches(PROBLEM));
    assertThat(proxy.stdout()).doesNotContain("listening");

    // --check-config says the same, and nothing listens
    ProxyProcess check = ProxyProcess.start("--check-config", "--config", bad.toString());
    try (check) {
      assertThat(check.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(check.stderr()).contains("routes[0].cache.ttl: ");
    }
  }

  @Test
  void checkConfigOfAGoodConfigExitsZero() throws Exception {
    ProxyProcess check = ProxyProcess.start("--check-config", "--config", config("5s").toString());
    try (check) {
      assertThat(check.awaitExit(Duration.ofSeconds(60))).as(check.output()).isZero();
      assertThat(check.stdout()).contains("OK: 1 upstreams, 1 routes");
    }
  }

  @Test
  void usageErrorsExitTwo() {
    ProxyProcess p = ProxyProcess.start("--no-such-option");
    try (p) {
      assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.output()).isEqualTo(2);
    }
    ProxyProcess missing = ProxyProcess.start("--config", dir.resolve("missing.yaml").toString());
    try (missing) {
      assertThat(missing.awaitExit(Duration.ofSeconds(60))).as(missing.output()).isEqualTo(2);
      assertThat(missing.stderr()).matches("(?s).*missing\\.yaml: .+");
    }
  }

  @Test
  void aPortInUseExitsOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      upstream.reply(Reply.ok("{}"));
      proxy = ProxyProcess.start("--config", config("5s").toString());
      int code = proxy.awaitExit(Duration.ofSeconds(90));
      assertThat(code).as("exit code with the port taken (%d)\n%s", taken.getLocalPort(), proxy.output()).isEqualTo(1);
      assertThat(proxy.stderr()).contains("cannot start");
    }
  }
}

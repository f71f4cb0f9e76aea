package io.wplive.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wplive.proxy.support.Blocking;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #2 / SPEC §2: {@code --check-config}, exit codes, and no half-started server on a bad config. */
@Timeout(30)
class MainCheckConfigTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream realOut;
  private PrintStream realErr;

  @BeforeEach
  void capture() {
    realOut = System.out;
    realErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(realOut);
    System.setErr(realErr);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String config(int port, String cacheLine) {
    return """
        server:
          host: 127.0.0.1
          port: %d
        logging: {access: false, format: text}
        upstreams:
          inventory:
            baseUrl: http://127.0.0.1:9/api
        routes:
          - name: products
            path: /api/products
            upstream: inventory
            upstreamPath: /products
            cache:
              %s
        """.formatted(port, cacheLine);
  }

  private Path write(String yaml) throws IOException {
    Path f = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void goodConfigIsOk() throws IOException {
    Path f = write(config(8080, "ttl: 60s"));
    int code = Main.run(new String[] {"--check-config", "--config", f.toString()});
    assertThat(code).as("stderr: %s", stderr()).isEqualTo(0);
    assertThat(stdout().lines().filter(l -> l.startsWith("OK"))).containsExactly("OK: 1 upstreams, 1 routes");
    assertThat(stderr().lines().filter(l -> l.contains(": "))).isEmpty();
  }

  @Test
  void argumentOrderDoesNotMatter() throws IOException {
    Path f = write(config(8080, "ttl: 60s"));
    assertThat(Main.run(new String[] {"--config", f.toString(), "--check-config"})).isEqualTo(0);
    assertThat(stdout()).contains("OK: 1 upstreams, 1 routes");
  }

  @Test
  void badDurationIsExit2WithThePathAndTheValue() throws IOException {
    Path f = write(config(8080, "ttl: \"5 minutes\""));
    int code = Main.run(new String[] {"--check-config", "--config", f.toString()});
    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("routes[0].cache.ttl: \"5 minutes\" is not a duration");
    assertThat(stdout().lines().filter(l -> l.startsWith("OK"))).isEmpty();
  }

  @Test
  void bareNumberIsNotADuration() throws IOException {
    Path f = write(config(8080, "ttl: 60"));
    assertThat(Main.run(new String[] {"--check-config", "--config", f.toString()})).isEqualTo(2);
    assertThat(stderr()).contains("routes[0].cache.ttl");
  }

  @Test
  void unknownKeyIsExit2NamingTheKeyPath() throws IOException {
    Path f = write(config(8080, "tll: 60s"));
    int code = Main.run(new String[] {"--check-config", "--config", f.toString()});
    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("routes[0].cache.tll");
  }

  @Test
  void unknownTopLevelKeyIsExit2() throws IOException {
    Path f = write(config(8080, "ttl: 60s") + "\nrotues: []\n");
    assertThat(Main.run(new String[] {"--check-config", "--config", f.toString()})).isEqualTo(2);
    assertThat(stderr()).contains("rotues");
  }

  @Test
  void everyProblemIsReportedOnItsOwnLine() throws IOException {
    Path f = write(config(8080, "ttl: \"5 minutes\"\n      tll: 60s"));
    assertThat(Main.run(new String[] {"--check-config", "--config", f.toString()})).isEqualTo(2);
    String[] lines = stderr().strip().split("\\R");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("routes[0].cache.ttl: "));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("routes[0].cache.tll: "));
  }

  @Test
  void unsetEnvironmentVariableNamesTheField() throws IOException {
    Path f = write(config(8080, "ttl: 60s").replace("http://127.0.0.1:9/api", "${WPLP_TEST_SURELY_UNSET_4711}"));
    assertThat(Main.run(new String[] {"--check-config", "--config", f.toString()})).isEqualTo(2);
    assertThat(stderr()).contains("upstreams.inventory.baseUrl").contains("WPLP_TEST_SURELY_UNSET_4711");
  }

  @Test
  void missingFileIsExit2() {
    assertThat(Main.run(new String[] {"--check-config", "--config", dir.resolve("nope.yaml").toString()})).isEqualTo(2);
    assertThat(stderr()).contains("nope.yaml");
  }

  @Test
  void unknownOptionIsExit2() {
    assertThat(Main.run(new String[] {"--frobnicate"})).isEqualTo(2);
    assertThat(stderr()).contains("--frobnicate");
  }

  @Test
  void badConfigNeverStartsTheServer() throws IOException {
    int port = Blocking.freePort();
    Path f = write(config(port, "ttl: \"5 minutes\""));
    int code = Main.run(new String[] {"--config", f.toString()});
    assertThat(code).isEqualTo(2);
    assertThat(stderr()).contains("routes[0].cache.ttl: \"5 minutes\" is not a duration");
    assertThatThrownBy(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      }
    }).isInstanceOf(ConnectException.class);
  }

  @Test
  void portInUseIsExit1() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      Path f = write(config(taken.getLocalPort(), "ttl: 60s"));
      int code = Main.run(new String[] {"--config", f.toString()});
      assertThat(code).isEqualTo(1);
      assertThat(stderr()).contains("cannot start");
    }
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.server.ProxyServer;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.LogCapture;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.ProxyTestBase;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SPEC §2: a port in use is a clean start failure (Main exits 1), not a half-started server. */
class StartFailureTest extends ProxyTestBase {
  /**
   * The failed listen must not also trip over itself: the failure used to be reported while its
   * verticle was still being deployed, and closing Vert.x then completed the deployment twice
   * ("Unhandled exception … Promise already completed"), about one start in twenty. A few
   * attempts make that visible.
   */
  @Test
  void portInUseFailsTheStartCleanly() throws IOException {
    try (ServerSocket taken = new ServerSocket(); LogCapture logs = new LogCapture()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      ProxyConfig config = ProxyFixture.parse(configWithServer("port: " + taken.getLocalPort(), """
          - name: items
            path: /api/items
            upstream: api
            upstreamPath: /items
          """), env);
      for (int attempt = 0; attempt < 6; attempt++) {
        ProxyServer server = new ProxyServer(config, clock); // as Main does: one listener per core
        assertThatThrownBy(() -> Blocking.await(server.start(), 10, TimeUnit.SECONDS))
            .hasRootCauseInstanceOf(BindException.class);
      }
      Blocking.sleep(200); // anything logged late by the failed starts
      assertThat(logs.lines()).as("log lines of the failed starts")
          .noneMatch(l -> l.contains("Unhandled exception"))
          .noneMatch(l -> l.contains("already completed"));
    }
  }
}

package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ListeningPorts;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ProxyServer's javadoc says tests start it on port 0, and it runs one listener per event loop.
 * Both together must work: every listener serves the one port picked at random.
 */
class MultipleEventLoopsOnPortZeroTest extends ProxyTestBase {
  private static final String ROUTES = """
      - name: items
        path: /api/items
        upstream: api
        upstreamPath: /items
        cache: {ttl: 60s}
      """;

  @Test
  void startsWithSeveralListenersOnPortZero() {
    upstream.reply(Reply.ok("{\"n\":1}"));
    startProxy(config(ROUTES), 3);
    assertThat(proxy.port()).isPositive();
    HttpResult r = http.get("/api/items");
    assertThat(r.status()).isEqualTo(200);
    assertThat(http.get("/api/items").xCache()).isEqualTo("HIT");
  }

  /**
   * Vert.x 5 shares a listening socket between servers asking for the same port, except port 0:
   * each port-0 server gets a port of its own (a negative port is the shared random one).
   * Listeners bound elsewhere than {@link io.wplive.proxy.server.ProxyServer#port()} serve nobody.
   */
  @Test
  void allListenersShareTheOnePublicPort() {
    assumeTrue(ListeningPorts.available(), "needs Linux /proc");
    Set<Integer> before = ListeningPorts.ofThisProcess();
    startProxy(config(ROUTES), 3);
    Set<Integer> added = new HashSet<>(ListeningPorts.ofThisProcess());
    added.removeAll(before);
    assertThat(added).as("ports the proxy listens on").containsExactly(proxy.port());
  }
}

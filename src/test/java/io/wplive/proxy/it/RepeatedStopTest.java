package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.server.ProxyServer;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2 "stop": an operator pressing Ctrl-C twice, or a supervisor sending SIGTERM again while
 * the proxy drains, calls {@link ProxyServer#stop()} a second time. That must be harmless: the
 * same drain, a future that completes, no exception.
 */
class RepeatedStopTest extends ProxyTestBase {
  private static final String ROUTES = """
      - name: items
        path: /api/items
        upstream: api
        upstreamPath: /items
      """;

  @Test
  void stopAfterStopIsHarmless() {
    ProxyServer server = Blocking.await(new ProxyServer(ProxyFixture.parse(config(ROUTES), env), clock, 1).start());
    Blocking.await(server.stop(), 15, TimeUnit.SECONDS);
    Future<Void> again = server.stop();
    Blocking.await(again, 5, TimeUnit.SECONDS);
    assertThat(again.succeeded()).isTrue();
  }

  /** With a drain delay (the value the SPEC recommends behind a load balancer). */
  @Test
  void stopAfterStopIsHarmlessWithADrainDelay() {
    ProxyServer server = Blocking.await(new ProxyServer(
        ProxyFixture.parse(configWithServer("drainDelay: 200ms", ROUTES), env), clock, 1).start());
    Blocking.await(server.stop(), 15, TimeUnit.SECONDS);
    Future<Void> again = server.stop();
    Blocking.await(again, 5, TimeUnit.SECONDS);
    assertThat(again.succeeded()).isTrue();
  }

  @Test
  void stopWhileDrainingJoinsTheDrain() {
    ProxyServer server = Blocking.await(new ProxyServer(
        ProxyFixture.parse(configWithServer("drainDelay: 300ms", ROUTES), env), clock, 1).start());
    Future<Void> first = server.stop();
    Future<Void> second = server.stop();
    Blocking.await(Future.join(first, second), 15, TimeUnit.SECONDS);
    assertThat(first.succeeded()).isTrue();
    assertThat(second.succeeded()).isTrue();
  }
}

package io.wplive.proxy.support;

import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.server.ProxyServer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One proxy started in-process from a YAML text ({@code ${NAME}} resolved from {@code env} only,
 * never from the real environment), with a test client for its port. {@link #close()} stops the
 * proxy and the client.
 */
public final class ProxyFixture implements AutoCloseable {
  /**
   * Event loops of a test proxy. One: with {@code server.port: 0} and more than one listener,
   * the extra listeners do not serve the public port (see MultipleEventLoopsOnPortZeroTest);
   * tests that need several loops pass a fixed free port and an instance count.
   */
  public static final int INSTANCES = 1;

  private final ProxyServer server;
  private final TestHttp http;
  private io.vertx.core.Future<Void> stopping;

  private ProxyFixture(ProxyServer server) {
    this.server = server;
    this.http = new TestHttp(server.port());
  }

  /** Parses like the real loader, with {@code env} as the only environment. */
  public static ProxyConfig parse(String yaml, Map<String, String> env) {
    return new ConfigLoader(env::get).parse(yaml, "test");
  }

  public static ProxyFixture start(String yaml, Map<String, String> env, Clock clock) {
    return start(parse(yaml, env), clock, INSTANCES);
  }

  public static ProxyFixture start(String yaml, Map<String, String> env, Clock clock, int instances) {
    return start(parse(yaml, env), clock, instances);
  }

  public static ProxyFixture start(ProxyConfig config, Clock clock, int instances) {
    ProxyServer server = Blocking.await(new ProxyServer(config, clock, instances).start(), 20, TimeUnit.SECONDS);
    return new ProxyFixture(server);
  }

  public ProxyServer server() {
    return server;
  }

  public int port() {
    return server.port();
  }

  public TestHttp http() {
    return http;
  }

  /**
   * Starts the graceful stop (readiness turns 503, then the listeners drain) without waiting;
   * {@link #http()} is closed. Calling it again returns the same future.
   */
  public synchronized io.vertx.core.Future<Void> stopAsync() {
    if (stopping == null) {
      try {
        http.close();
      } finally {
        stopping = server.stop();
      }
    }
    return stopping;
  }

  /** Stops the proxy (waiting for it); safe to call twice. */
  public void stop() {
    Blocking.await(stopAsync(), 20, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    stop();
  }
}

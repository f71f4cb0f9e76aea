package io.wplive.proxy.support;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the integration tests: a fresh {@link FakeUpstream} per test (its URL is
 * {@code ${UPSTREAM}} in configs, and a port nobody listens on is {@code ${DEAD}}), a
 * {@link MutableClock} given to the proxy, and everything stopped after each test.
 */
@Timeout(30)
public abstract class ProxyTestBase {
  protected FakeUpstream upstream;
  protected MutableClock clock;
  protected ProxyFixture proxy;
  protected TestHttp http;
  protected final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void startUpstream() {
    upstream = new FakeUpstream().start();
    clock = new MutableClock();
    env.put("UPSTREAM", upstream.url());
    env.put("DEAD", "http://127.0.0.1:" + Blocking.freePort());
  }

  @AfterEach
  void stopEverything() {
    try {
      if (proxy != null) {
        proxy.close();
      }
    } finally {
      upstream.close();
    }
  }

  /** Starts the proxy from {@code yaml}; {@link #http} talks to it. */
  protected ProxyFixture startProxy(String yaml) {
    return startProxy(yaml, ProxyFixture.INSTANCES);
  }

  /** Starts the proxy with {@code instances} listeners (event loops). */
  protected ProxyFixture startProxy(String yaml, int instances) {
    proxy = ProxyFixture.start(yaml, env, clock, instances);
    http = proxy.http();
    return proxy;
  }

  /**
   * The usual test config: 127.0.0.1 on a free port, no access log, upstream {@code api} at the
   * fake upstream's {@code /base} with a 2 s timeout, and the routes given (a YAML list, each
   * item starting with "  - ").
   */
  protected static String config(String routes) {
    return config("", "", routes);
  }

  /**
   * @param top extra top-level YAML (e.g. {@code cache:} or {@code server:} lines are not
   *     allowed twice, so use {@link #configWithServer} for server options)
   * @param upstreamExtra extra lines for upstream {@code api}, each indented by 4 spaces
   */
  protected static String config(String top, String upstreamExtra, String routes) {
    return "server: {host: 127.0.0.1, port: 0}\n" + serverlessConfig(top, upstreamExtra, routes);
  }

  /**
   * As {@link #config(String, String, String)} with server options added to host and port
   * ({@code serverExtra} may set its own {@code port}).
   */
  protected static String configWithServer(String serverExtra, String routes) {
    String port = serverExtra.matches("(^|.*[ ,{])port:.*") ? "" : "port: 0, ";
    return "server: {host: 127.0.0.1, " + port + serverExtra + "}\n" + serverlessConfig("", "", routes);
  }

  private static String serverlessConfig(String top, String upstreamExtra, String routes) {
    return "logging: {access: false}\n"
        + top + (top.isEmpty() || top.endsWith("\n") ? "" : "\n")
        + "upstreams:\n"
        + "  api:\n"
        + "    baseUrl: ${UPSTREAM}/base\n"
        + "    timeout: 2s\n"
        + upstreamExtra + (upstreamExtra.isEmpty() || upstreamExtra.endsWith("\n") ? "" : "\n")
        + "routes:\n"
        + routes;
  }
}

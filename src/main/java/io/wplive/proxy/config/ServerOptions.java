package io.wplive.proxy.config;

import java.time.Duration;
import java.util.List;

/** {@code server:} the public listener and its limits (SPEC §3). */
public final class ServerOptions {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DRAIN_DELAY = Duration.ZERO;
  public static final long DEFAULT_MAX_REQUEST_BODY = 1024 * 1024;
  public static final long DEFAULT_MAX_URI_LENGTH = 8 * 1024;
  public static final long DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
  public static final int DEFAULT_MAX_QUERY_PARAMS = 100;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  private final String host;
  private final int port;
  private final Duration shutdownGrace;
  private final Duration drainDelay;
  private final long maxRequestBody;
  private final long maxUriLength;
  private final long maxHeaderSize;
  private final int maxQueryParams;
  private final Duration idleTimeout;
  private final Duration requestTimeout;
  private final int maxConnections;
  private final List<Cidr> trustedProxies;

  public ServerOptions(ConfigNode n) {
    host = n.string("host", DEFAULT_HOST);
    port = n.integer("port", DEFAULT_PORT, 0, 65535);
    shutdownGrace = n.duration("shutdownGrace", DEFAULT_SHUTDOWN_GRACE);
    drainDelay = n.duration("drainDelay", DEFAULT_DRAIN_DELAY);
    maxRequestBody = n.size("maxRequestBody", DEFAULT_MAX_REQUEST_BODY);
    maxUriLength = positiveSize(n, "maxUriLength", DEFAULT_MAX_URI_LENGTH);
    maxHeaderSize = positiveSize(n, "maxHeaderSize", DEFAULT_MAX_HEADER_SIZE);
    int qp = n.integer("maxQueryParams", DEFAULT_MAX_QUERY_PARAMS, 0, 100_000);
    maxQueryParams = qp == 0 ? Integer.MAX_VALUE : qp; // 0 switches the limit off
    idleTimeout = n.duration("idleTimeout", DEFAULT_IDLE_TIMEOUT);
    requestTimeout = n.duration("requestTimeout", DEFAULT_REQUEST_TIMEOUT);
    maxConnections = n.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 0, 10_000_000);
    trustedProxies = Cidr.parseList(n, "trustedProxies");
  }

  private static long positiveSize(ConfigNode n, String key, long def) {
    long v = n.size(key, def);
    if (v > Integer.MAX_VALUE) {
      n.problem(key, "is too large");
      return def;
    }
    return v == 0 ? def : v;
  }

  public String host() { return host; }
  public int port() { return port; }
  public Duration shutdownGrace() { return shutdownGrace; }
  public Duration drainDelay() { return drainDelay; }
  public long maxRequestBody() { return maxRequestBody; }
  public long maxUriLength() { return maxUriLength; }
  public long maxHeaderSize() { return maxHeaderSize; }
  public int maxQueryParams() { return maxQueryParams; }
  public Duration idleTimeout() { return idleTimeout; }
  public Duration requestTimeout() { return requestTimeout; }
  public int maxConnections() { return maxConnections; }
  public List<Cidr> trustedProxies() { return trustedProxies; }
}

package io.wplive.proxy.config;

import io.wplive.proxy.http.HeaderSyntax;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** One entry of {@code upstreams:}: where an API lives and how the proxy treats it. */
public final class UpstreamOptions {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_CONNECTIONS = 20;
  public static final int DEFAULT_QUEUE = 100;

  private final String name;
  private final URI baseUrl;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final int maxConnections;
  private final int maxConcurrent;
  private final int queue;
  private final Map<String, String> headers;
  private final TlsOptions tls;
  private final String webhookSecret;
  private final AuthOptions auth;
  private final RateLimitOptions rateLimit;
  private final BreakerOptions circuitBreaker;
  private final RetryOptions retry;

  private final String fingerprint;

  public UpstreamOptions(String name, ConfigNode n) {
    this.name = name;
    this.fingerprint = n.fingerprint();
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      n.problems().add(n.path(), "upstream names may use letters, digits, - and _ only");
    }
    baseUrl = parseBaseUrl(n);
    timeout = n.duration("timeout", DEFAULT_TIMEOUT);
    connectTimeout = n.duration("connectTimeout", DEFAULT_CONNECT_TIMEOUT);
    maxConnections = n.integer("maxConnections", DEFAULT_MAX_CONNECTIONS, 1, 100_000);
    maxConcurrent = n.integer("maxConcurrent", maxConnections, 1, 100_000);
    queue = n.integer("queue", DEFAULT_QUEUE, 0, 1_000_000);
    headers = n.stringMap("headers");
    headers.forEach((k, v) -> {
      if (!HeaderSyntax.validName(k)) {
        n.problems().add(ConfigNode.childPath(n.pathOf("headers"), k), "is not a valid header name");
      } else if (!HeaderSyntax.validValue(v)) {
        n.problems().add(ConfigNode.childPath(n.pathOf("headers"), k), "must be one line of text (no control characters)");
      }
    });
    ConfigNode tlsNode = n.child("tls");
    tls = tlsNode == null ? null : new TlsOptions(tlsNode);
    if (tlsNode != null) {
      tlsNode.finish();
    }
    String hook = n.string("webhookSecret", "");
    webhookSecret = hook.isEmpty() ? null : hook;
    ConfigNode authNode = n.child("auth");
    auth = authNode == null ? null : new AuthOptions(authNode);
    if (authNode != null) {
      authNode.finish();
    }
    rateLimit = RateLimitOptions.read(n, "rateLimit", true);
    ConfigNode cb = n.childOrEmpty("circuitBreaker");
    circuitBreaker = new BreakerOptions(cb);
    cb.finish();
    ConfigNode r = n.childOrEmpty("retry");
    retry = new RetryOptions(r);
    r.finish();
    if (timeout.isZero()) {
      n.problem("timeout", "must be longer than 0");
    }
    if (connectTimeout.isZero()) {
      n.problem("connectTimeout", "must be longer than 0");
    }
  }

  private static URI parseBaseUrl(ConfigNode n) {
    String s = n.requiredString("baseUrl");
    if (s == null) {
      return null;
    }
    try {
      URI u = new URI(s);
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        n.problem("baseUrl", "\"" + s + "\" is not an http:// or https:// URL with a host");
        return null;
      }
      if (u.getRawQuery() != null || u.getRawFragment() != null) {
        n.problem("baseUrl", "must not have a query or fragment");
        return null;
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      n.problem("baseUrl", "\"" + s + "\" is not a URL");
      return null;
    }
  }

  public String name() { return name; }
  /** The section as written (after substitution): equal fingerprints, same upstream; kept across reloads. */
  public String fingerprint() { return fingerprint; }
  public URI baseUrl() { return baseUrl; }
  public boolean ssl() { return "https".equals(baseUrl.getScheme()); }
  public int port() { return baseUrl.getPort() > 0 ? baseUrl.getPort() : ssl() ? 443 : 80; }
  /** The base path without a trailing slash, "" for none. */
  public String basePath() {
    String p = baseUrl.getRawPath();
    if (p == null) {
      return "";
    }
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
  public Duration timeout() { return timeout; }
  public Duration connectTimeout() { return connectTimeout; }
  public int maxConnections() { return maxConnections; }
  public int maxConcurrent() { return maxConcurrent; }
  public int queue() { return queue; }
  public Map<String, String> headers() { return headers; }
  public TlsOptions tls() { return tls; }
  /** Never logged. */
  public String webhookSecret() { return webhookSecret; }
  public AuthOptions auth() { return auth; }
  public RateLimitOptions rateLimit() { return rateLimit; }
  public BreakerOptions circuitBreaker() { return circuitBreaker; }
  public RetryOptions retry() { return retry; }
}

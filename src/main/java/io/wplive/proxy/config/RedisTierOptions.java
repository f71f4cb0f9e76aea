package io.wplive.proxy.config;

import java.time.Duration;
import java.util.List;

/** {@code redis:} the shared second tier. Absent, or an empty url → memory only. */
public final class RedisTierOptions {
  public static final String DEFAULT_MODE = "standalone";
  public static final String DEFAULT_MASTER_NAME = "mymaster";
  public static final String DEFAULT_KEY_PREFIX = "wplp:";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

  private final String url;
  private final String mode;
  private final List<String> endpoints;
  private final String masterName;
  private final String keyPrefix;
  private final Duration commandTimeout;
  private final String password;

  public RedisTierOptions(ConfigNode n) {
    url = n.string("url", "").trim();
    mode = n.oneOf("mode", DEFAULT_MODE, "standalone", "sentinel", "cluster", "replication");
    endpoints = n.stringList("endpoints");
    masterName = n.string("masterName", DEFAULT_MASTER_NAME);
    keyPrefix = n.string("keyPrefix", DEFAULT_KEY_PREFIX);
    commandTimeout = n.duration("commandTimeout", DEFAULT_COMMAND_TIMEOUT);
    password = n.string("password", "");
    if (!url.isEmpty() && !url.matches("rediss?://.+")) {
      n.problem("url", "\"" + url + "\" is not a redis:// or rediss:// URL");
    }
    for (int i = 0; i < endpoints.size(); i++) {
      if (!endpoints.get(i).matches("rediss?://.+")) {
        n.problems().add(n.pathOf("endpoints") + "[" + i + "]", "is not a redis:// or rediss:// URL");
      }
    }
    if (commandTimeout.isZero()) {
      n.problem("commandTimeout", "must be longer than 0");
    }
  }

  /** Whether a Redis tier is configured at all. */
  public boolean enabled() { return !url.isEmpty() || !endpoints.isEmpty(); }
  public String url() { return url; }
  public String mode() { return mode; }
  public List<String> endpoints() { return endpoints; }
  public String masterName() { return masterName; }
  public String keyPrefix() { return keyPrefix; }
  public Duration commandTimeout() { return commandTimeout; }
  /** Never logged. */
  public String password() { return password; }
}

package io.wplive.proxy.config;

/** {@code demo:} the built-in simulated upstreams (SPEC §8). */
public final class DemoOptions {
  public static final boolean DEFAULT_ENABLED = false;
  public static final int DEFAULT_PORT = 8090;

  private final boolean enabled;
  private final int port;

  public DemoOptions(ConfigNode n) {
    enabled = n.bool("enabled", DEFAULT_ENABLED);
    port = n.integer("port", DEFAULT_PORT, 0, 65535);
  }

  public boolean enabled() { return enabled; }
  public int port() { return port; }
}

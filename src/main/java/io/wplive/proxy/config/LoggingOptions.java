package io.wplive.proxy.config;

/** {@code logging:} log format and access log. */
public final class LoggingOptions {
  /** {@code null} format means: text on a terminal, JSON otherwise. */
  public static final String DEFAULT_FORMAT = null;
  public static final boolean DEFAULT_ACCESS = true;

  private final String format;
  private final boolean access;

  public LoggingOptions(ConfigNode n) {
    format = n.oneOf("format", DEFAULT_FORMAT, "text", "json");
    access = n.bool("access", DEFAULT_ACCESS);
  }

  /** {@code text}, {@code json}, or {@code null} to decide by whether stdout is a terminal. */
  public String format() { return format; }
  public boolean access() { return access; }
}

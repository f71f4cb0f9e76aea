package io.wplive.proxy.config;

import java.util.List;

/** {@code admin:} the admin token, an optional second listener and who may reach it. */
public final class AdminOptions {
  private final String token;
  private final int port;
  private final List<Cidr> allowFrom;

  public AdminOptions(ConfigNode n) {
    String t = n.string("token", "");
    token = t.isEmpty() ? null : t;
    port = n.integer("port", 0, 0, 65535);
    allowFrom = Cidr.parseList(n, "allowFrom");
    if (token != null && token.length() < 16) {
      n.problem("token", "is too short (at least 16 characters)");
    }
  }

  /** {@code null} when the admin API is disabled. Never logged. */
  public String token() { return token; }
  /** 0 when admin paths share the public listener. */
  public int port() { return port; }
  /** Empty = anyone. */
  public List<Cidr> allowFrom() { return allowFrom; }
}

package io.wplive.proxy.config;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.routing.RouteTable;
import java.util.List;
import java.util.Map;

/** The whole validated configuration (SPEC §3). Immutable; a reload builds a new one. */
public final class ProxyConfig {
  private final ServerOptions server;
  private final LoggingOptions logging;
  private final DemoOptions demo;
  private final RedisTierOptions redis;
  private final CacheOptions cache;
  private final ClientsOptions clients;
  private final AdminOptions admin;
  private final Map<String, UpstreamOptions> upstreams;
  private final List<RouteOptions> routes;
  private final RouteTable routeTable;
  private JsonObject raw;

  private ProxyConfig(ConfigNode root) {
    server = section(root, "server", ServerOptions::new);
    logging = section(root, "logging", LoggingOptions::new);
    demo = section(root, "demo", DemoOptions::new);
    ConfigNode r = root.child("redis");
    redis = r == null ? null : new RedisTierOptions(r);
    if (r != null) {
      r.finish();
    }
    cache = section(root, "cache", CacheOptions::new);
    ConfigNode c = root.child("clients");
    clients = c == null ? null : new ClientsOptions(c);
    if (c != null) {
      c.finish();
    }
    admin = section(root, "admin", AdminOptions::new);
    upstreams = Map.copyOf(root.objectMap("upstreams", UpstreamOptions::new));
    int[] index = {0};
    routes = root.objectList("routes", n -> new RouteOptions(index[0]++, n));
    root.finish();
    routeTable = RouteTable.build(routes, upstreams.keySet(), root.problems());
    if (admin.port() != 0 && admin.port() == server.port()) {
      root.problems().add("admin.port", "must differ from server.port");
    }
    if (demo.enabled() && demo.port() != 0 && (demo.port() == server.port() || demo.port() == admin.port())) {
      root.problems().add("demo.port", "must differ from server.port and admin.port");
    }
  }

  private static <T> T section(ConfigNode root, String key, java.util.function.Function<ConfigNode, T> reader) {
    ConfigNode n = root.childOrEmpty(key);
    T t = reader.apply(n);
    n.finish();
    return t;
  }

  /**
   * Reads and validates an already substituted tree.
   *
   * @throws ConfigException listing every problem, each with its field path
   */
  public static ProxyConfig fromJson(JsonObject json) {
    return fromJson(json, new ConfigProblems());
  }

  public static ProxyConfig fromJson(JsonObject json, ConfigProblems problems) {
    ProxyConfig config = new ProxyConfig(new ConfigNode(json, "", problems));
    problems.throwIfAny();
    config.raw = json.copy();
    return config;
  }

  /**
   * The sections of this config that differ from {@code other} and only take effect on restart
   * ({@code server}, {@code redis}, {@code demo}, {@code admin.port}, {@code cache.memory}).
   */
  public java.util.List<String> restartOnlyChanges(ProxyConfig other) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (String section : new String[] {"server", "redis", "demo"}) {
      if (!java.util.Objects.equals(raw.getValue(section), other.raw.getValue(section))) {
        out.add(section);
      }
    }
    if (admin.port() != other.admin.port()) {
      out.add("admin.port");
    }
    if (cache.memoryMaxSize() != other.cache.memoryMaxSize()) {
      out.add("cache.memory");
    }
    return out;
  }

  public ServerOptions server() { return server; }
  public LoggingOptions logging() { return logging; }
  public DemoOptions demo() { return demo; }
  /** {@code null} or not {@link RedisTierOptions#enabled()} = memory only. */
  public RedisTierOptions redis() { return redis; }
  public boolean redisEnabled() { return redis != null && redis.enabled(); }
  public CacheOptions cache() { return cache; }
  /** {@code null} = no client authentication. */
  public ClientsOptions clients() { return clients; }
  public AdminOptions admin() { return admin; }
  public Map<String, UpstreamOptions> upstreams() { return upstreams; }
  public List<RouteOptions> routes() { return routes; }
  public RouteTable routeTable() { return routeTable; }
}

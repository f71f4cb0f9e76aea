package io.wplive.proxy.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One entry of {@code routes:} as written; {@link io.wplive.proxy.routing.RouteTable} compiles it. */
public final class RouteOptions {
  public static final List<String> DEFAULT_METHODS = List.of("GET");
  private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final int index;
  private final String name;
  private final String path;
  private final String upstream;
  private final String upstreamPath;
  private final Set<String> methods;
  private final boolean anyMethod;
  private final List<String> forwardHeaders;
  private final List<String> queryAllow;
  private final Map<String, String> queryDefaults;
  private final RouteCacheOptions cache;
  private final boolean relayErrors;
  private final NormalizeOptions normalize;
  private final List<String> invalidates;

  public RouteOptions(int index, ConfigNode n) {
    this.index = index;
    name = n.requiredString("name");
    if (name != null && !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      n.problem("name", "\"" + name + "\" may use letters, digits, '.', '-' and '_' only");
    }
    path = n.requiredString("path");
    upstream = n.requiredString("upstream");
    upstreamPath = n.string("upstreamPath", path);
    List<String> ms = n.stringList("methods");
    Set<String> set = new LinkedHashSet<>();
    boolean any = false;
    for (int i = 0; i < ms.size(); i++) {
      String m = ms.get(i).toUpperCase(Locale.ROOT);
      if (m.equals("*")) {
        any = true;
      } else if (KNOWN_METHODS.contains(m)) {
        set.add(m);
      } else {
        n.problems().add(n.pathOf("methods") + "[" + i + "]", "\"" + ms.get(i) + "\" is not a method a route may list");
      }
    }
    if (ms.isEmpty()) {
      set.addAll(DEFAULT_METHODS);
    }
    anyMethod = any;
    if (set.contains("GET")) {
      set.add("HEAD"); // [GET] implies HEAD
    }
    methods = Set.copyOf(set);
    List<String> fwd = n.stringList("forwardHeaders");
    for (int i = 0; i < fwd.size(); i++) {
      if (!fwd.get(i).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        n.problems().add(n.pathOf("forwardHeaders") + "[" + i + "]", "\"" + fwd.get(i) + "\" is not a header name");
      }
    }
    forwardHeaders = fwd.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    ConfigNode q = n.child("query");
    if (q != null) {
      queryAllow = q.has("allow") ? q.stringList("allow") : null;
      queryDefaults = q.stringMap("defaults");
      q.finish();
    } else {
      queryAllow = null;
      queryDefaults = Map.of();
    }
    ConfigNode c = n.child("cache");
    cache = c == null ? RouteCacheOptions.honorUpstream() : new RouteCacheOptions(c);
    if (c != null) {
      c.finish();
    }
    relayErrors = "relay".equals(n.oneOf("errors", "json", "json", "relay"));
    if (n.has("normalize")) {
      JsonObject raw = n.has("normalize") && n.raw("normalize") instanceof JsonObject o ? o : null;
      ConfigNode nn = n.child("normalize");
      normalize = nn == null ? null : new NormalizeOptions(nn, raw);
      if (nn != null) {
        nn.finish();
      }
    } else {
      n.raw("normalize");
      normalize = null;
    }
    invalidates = n.stringList("invalidates");
  }

  /** Position in the file; breaks ties between routes of equal precedence. */
  public int index() { return index; }
  public String name() { return name; }
  public String path() { return path; }
  public String upstream() { return upstream; }
  public String upstreamPath() { return upstreamPath; }
  /** The listed methods (GET implies HEAD); see {@link #anyMethod()}. */
  public Set<String> methods() { return methods; }
  /** {@code ["*"]}: every method but CONNECT and TRACE. */
  public boolean anyMethod() { return anyMethod; }
  /** Lower-cased. */
  public List<String> forwardHeaders() { return forwardHeaders; }
  /** {@code null} = every parameter is forwarded and keyed. */
  public List<String> queryAllow() { return queryAllow; }
  public Map<String, String> queryDefaults() { return queryDefaults; }
  public RouteCacheOptions cache() { return cache; }
  public boolean relayErrors() { return relayErrors; }
  public NormalizeOptions normalize() { return normalize; }
  public List<String> invalidates() { return invalidates; }
}

package io.wplive.proxy.routing;

import io.wplive.proxy.config.ConfigProblems;
import io.wplive.proxy.config.RouteOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All routes, in SPEC §3 precedence: exact paths (one hash lookup, the hot path), then
 * {@code :param} paths with more literal segments first, then {@code /*} prefixes, longest first;
 * ties in file order.
 */
public final class RouteTable {
  /** Paths a route may not claim: the proxy's own endpoints. */
  static final List<String> RESERVED = List.of("/health", "/metrics", "/admin", "/hooks", "/__demo");

  private final Map<String, Route> exact;
  private final Route[] params;
  private final Route[] prefixes;
  private final Map<String, Route> byName;

  private RouteTable(Map<String, Route> exact, List<Route> params, List<Route> prefixes, Map<String, Route> byName) {
    this.exact = exact;
    this.params = params.toArray(new Route[0]);
    this.prefixes = prefixes.toArray(new Route[0]);
    this.byName = byName;
  }

  /**
   * Compiles {@code routes}, reporting every problem at {@code routes[i].field}.
   *
   * @param upstreams names of configured upstreams
   */
  public static RouteTable build(List<RouteOptions> routes, Set<String> upstreams, ConfigProblems problems) {
    Map<String, Route> exact = new HashMap<>();
    List<Route> params = new ArrayList<>();
    List<Route> prefixes = new ArrayList<>();
    Map<String, Route> byName = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (RouteOptions o : routes) {
      String at = "routes[" + o.index() + "]";
      if (o.name() != null && !names.add(o.name())) {
        problems.add(at + ".name", "duplicate route name \"" + o.name() + "\"");
      }
      if (o.upstream() != null && !upstreams.contains(o.upstream())) {
        problems.add(at + ".upstream", "no upstream named \"" + o.upstream() + "\"");
      }
      if (o.path() == null || o.name() == null) {
        continue;
      }
      PathPattern pattern;
      try {
        pattern = PathPattern.parse(o.path());
      } catch (IllegalArgumentException e) {
        problems.add(at + ".path", "\"" + o.path() + "\" " + e.getMessage());
        continue;
      }
      if (isReserved(o.path())) {
        problems.add(at + ".path", "\"" + o.path() + "\" is reserved for the proxy's own endpoints");
        continue;
      }
      UpstreamPathTemplate template;
      try {
        template = UpstreamPathTemplate.compile(o.upstreamPath(), pattern);
      } catch (IllegalArgumentException e) {
        problems.add(at + ".upstreamPath", "\"" + o.upstreamPath() + "\" " + e.getMessage());
        continue;
      }
      Route r = new Route(o, pattern, template);
      byName.put(o.name(), r);
      switch (pattern.kind()) {
        case EXACT -> {
          if (exact.putIfAbsent(o.path(), r) != null) {
            problems.add(at + ".path", "\"" + o.path() + "\" is already the path of route \"" + exact.get(o.path()).name() + "\"");
          }
        }
        case PARAM -> params.add(r);
        case PREFIX -> prefixes.add(r);
        default -> throw new IllegalStateException();
      }
    }
    for (RouteOptions o : routes) {
      List<String> inv = o.invalidates();
      for (int i = 0; i < inv.size(); i++) {
        if (!names.contains(inv.get(i))) {
          problems.add("routes[" + o.index() + "].invalidates[" + i + "]", "no route named \"" + inv.get(i) + "\"");
        }
      }
    }
    params.sort(Route.PRECEDENCE);
    prefixes.sort(Route.PRECEDENCE);
    return new RouteTable(exact, params, prefixes, byName);
  }

  /** Whether {@code path} is the proxy's own; routes may not claim it, public requests are answered by it. */
  public static boolean isReserved(String path) {
    for (String r : RESERVED) {
      // "/health" also covers "/healthz" and friends: a route must not shadow any health probe
      if (path.equals(r) || path.startsWith(r + "/") || (r.equals("/health") && path.startsWith(r))) {
        return true;
      }
    }
    return false;
  }

  /** @param rawPath the request path, still percent-encoded; {@code null} when nothing matches */
  public RouteMatch match(String rawPath) {
    Route r = exact.get(rawPath);
    if (r != null) {
      return new RouteMatch(r, PathPattern.NO_PARAMS, null);
    }
    for (Route p : params) {
      RouteMatch.Parts parts = p.pattern().match(rawPath);
      if (parts != null) {
        return new RouteMatch(p, parts.params(), parts.rest());
      }
    }
    for (Route p : prefixes) {
      RouteMatch.Parts parts = p.pattern().match(rawPath);
      if (parts != null) {
        return new RouteMatch(p, parts.params(), parts.rest());
      }
    }
    return null;
  }

  public Route byName(String name) {
    return byName.get(name);
  }

  public int size() {
    return byName.size();
  }

  public java.util.Collection<Route> routes() {
    return byName.values();
  }
}

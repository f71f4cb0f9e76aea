package io.wplive.proxy.routing;

import io.wplive.proxy.config.RouteCacheOptions;
import io.wplive.proxy.config.RouteOptions;
import io.wplive.proxy.normalize.PaginationMapper;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled route: everything the request path needs, worked out once at config load. */
public final class Route {
  private final RouteOptions options;
  private final PathPattern pattern;
  private final UpstreamPathTemplate upstreamPath;
  private final Set<String> queryAllow;
  private final List<Map.Entry<String, String>> queryDefaults;
  private final String allowHeader;
  private final String keyPrefix;
  private final PaginationMapper pagination;

  Route(RouteOptions options, PathPattern pattern, UpstreamPathTemplate upstreamPath) {
    this.options = options;
    this.pattern = pattern;
    this.upstreamPath = upstreamPath;
    var paging = options.normalize() == null ? null : options.normalize().pagination();
    this.pagination = paging == null ? null : new PaginationMapper(paging);
    Set<String> allow = options.queryAllow() == null ? null : new java.util.HashSet<>(options.queryAllow());
    if (allow != null && pagination != null) {
      // WordPress-style paging is the route's own interface: never filtered away
      allow.addAll(List.of("page", "per_page", "cursor"));
    }
    this.queryAllow = allow == null ? null : Set.copyOf(allow);
    this.queryDefaults = List.copyOf(options.queryDefaults().entrySet());
    this.allowHeader = buildAllow(options);
    String schema = options.normalize() == null ? "-" : options.normalize().schemaVersion();
    // route name and mapping version lead every key: purge-by-route is a prefix scan, and an
    // edited mapping can never serve entries shaped by the old one
    this.keyPrefix = options.name() + "|" + schema + "|";
  }

  private static String buildAllow(RouteOptions o) {
    if (o.anyMethod()) {
      return "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    }
    List<String> order = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    Set<String> out = new LinkedHashSet<>();
    order.stream().filter(o.methods()::contains).forEach(out::add);
    return String.join(", ", out);
  }

  public String name() { return options.name(); }
  public RouteOptions options() { return options; }
  public RouteCacheOptions cache() { return options.cache(); }
  public String upstream() { return options.upstream(); }
  public PathPattern pattern() { return pattern; }
  public UpstreamPathTemplate upstreamPath() { return upstreamPath; }
  /** {@code null} = every parameter is forwarded and keyed. */
  public Set<String> queryAllow() { return queryAllow; }
  public List<Map.Entry<String, String>> queryDefaults() { return queryDefaults; }
  /** The value of {@code Allow} on a 405. */
  public String allowHeader() { return allowHeader; }
  /** Maps WordPress-style paging to the upstream's, or {@code null} when the route has none. */
  public PaginationMapper pagination() { return pagination; }
  /** Every cache key of this route starts with this. */
  public String keyPrefix() { return keyPrefix; }

  public boolean allows(String method) {
    if (options.anyMethod()) {
      return !method.equals("CONNECT") && !method.equals("TRACE");
    }
    return options.methods().contains(method);
  }

  /** Precedence within one kind: more literal segments first, then longer, then file order. */
  static final Comparator<Route> PRECEDENCE = Comparator
      .comparingInt((Route r) -> -r.pattern.literalCount())
      .thenComparingInt(r -> -r.pattern.segmentCount())
      .thenComparingInt(r -> r.options.index());
}

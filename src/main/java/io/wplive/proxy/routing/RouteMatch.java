package io.wplive.proxy.routing;

/** A route that matched a request path, with its raw (still encoded) param values and rest. */
public record RouteMatch(Route route, String[] params, String rest) {
  /** What a {@link PathPattern} extracted from a path. */
  public record Parts(String[] params, String rest) {
  }
}

package io.wplive.proxy.security;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * CORS for theme code running in browsers ({@code clients.cors.allowOrigins}). Preflights are
 * answered before any key or method check; credentials are never allowed, so a {@code *}
 * origin can never be combined with them.
 */
public final class Cors {
  static final String EXPOSED = "X-Cache, Cache-Status, Age, X-WP-Total, X-WP-TotalPages, X-Request-Id, Retry-After, "
      + "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
  static final String ALLOWED_HEADERS = "X-Api-Key, Authorization, Content-Type, X-Request-Id, If-None-Match";

  private final List<String> origins;
  private final boolean any;

  public Cors(List<String> origins) {
    this.origins = origins;
    this.any = origins.contains("*");
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }

  public static boolean isPreflight(HttpServerRequest req) {
    return req.method() == HttpMethod.OPTIONS && req.headers().contains("origin")
        && req.headers().contains("access-control-request-method");
  }

  /** The value of Access-Control-Allow-Origin for {@code origin}, or {@code null} when not allowed. */
  String allowOrigin(String origin) {
    if (origin == null) {
      return null;
    }
    if (any) {
      return "*";
    }
    return origins.contains(origin) ? origin : null;
  }

  /** Adds the headers of a simple (non-preflight) answer. */
  public void decorate(HttpServerRequest req, MultiMap out) {
    if (!enabled()) {
      return;
    }
    out.add("Vary", "Origin");
    String allow = allowOrigin(req.headers().get("origin"));
    if (allow != null) {
      out.set("Access-Control-Allow-Origin", allow);
      out.set("Access-Control-Expose-Headers", EXPOSED);
    }
  }

  /** Answers a preflight for a route that allows {@code allowMethods}. */
  public void preflight(HttpServerRequest req, String allowMethods) {
    var resp = req.response();
    resp.headers().add("Vary", "Origin").add("Vary", "Access-Control-Request-Method").add("Vary", "Access-Control-Request-Headers");
    String allow = allowOrigin(req.headers().get("origin"));
    if (allow == null) {
      resp.setStatusCode(204).end(); // no Allow-Origin: the browser refuses, nothing else to say
      return;
    }
    resp.setStatusCode(204)
        .putHeader("Access-Control-Allow-Origin", allow)
        .putHeader("Access-Control-Allow-Methods", allowMethods)
        .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .putHeader("Access-Control-Max-Age", "600")
        .end();
  }
}

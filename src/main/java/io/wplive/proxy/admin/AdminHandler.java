package io.wplive.proxy.admin;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.Purger;
import io.wplive.proxy.config.Cidr;
import io.wplive.proxy.proxy.CacheKeys;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.ProxyRuntime;
import io.wplive.proxy.proxy.RequestBodies;
import io.wplive.proxy.proxy.RequestTarget;
import io.wplive.proxy.routing.PathGuard;
import io.wplive.proxy.routing.RouteMatch;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/purge} and {@code GET /admin/cache?path=} (SPEC §5). A bearer admin token,
 * compared in constant time; no token configured → 404; wrong or missing → 401. One audit line
 * per action on logger {@code wplp.audit}.
 */
public final class AdminHandler {
  private static final Logger AUDIT = LoggerFactory.getLogger("wplp.audit");
  static final int MAX_BODY = 64 * 1024;

  private final Supplier<ProxyRuntime> runtime;
  private final Supplier<Purger> purger;

  public AdminHandler(Supplier<ProxyRuntime> runtime, Supplier<Purger> purger) {
    this.runtime = runtime;
    this.purger = purger;
  }

  /** Whether {@code remoteIp} may reach admin paths and metrics ({@code admin.allowFrom}). */
  public static boolean allowed(List<Cidr> allowFrom, String remoteIp) {
    if (allowFrom.isEmpty()) {
      return true;
    }
    for (Cidr c : allowFrom) {
      if (c.contains(remoteIp)) {
        return true;
      }
    }
    return false;
  }

  public void handle(HttpServerRequest req) {
    ProxyRuntime rt = runtime.get();
    String token = rt.config().admin().token();
    String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    if (token == null || !allowed(rt.config().admin().allowFrom(), ip)) {
      error(req, ErrorCode.ROUTE_NOT_FOUND, "no such endpoint");
      return;
    }
    String auth = req.headers().get("authorization");
    String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    if (!Secrets.matches(Secrets.sha256(token), given)) {
      AUDIT.warn("admin request refused: bad or missing token from {} for {} {}", ip, req.method(), req.path());
      req.response().putHeader("WWW-Authenticate", "Bearer");
      error(req, ErrorCode.UNAUTHORIZED, "a valid admin bearer token is required");
      return;
    }
    switch (req.path()) {
      case "/admin/purge" -> {
        if (req.method() != HttpMethod.POST) {
          req.response().putHeader("Allow", "POST");
          error(req, ErrorCode.METHOD_NOT_ALLOWED, "use POST");
          return;
        }
        readJson(req).onComplete(ar -> {
          if (ar.failed()) {
            error(req, ar.cause() instanceof ProxyFailure pf ? pf.code() : ErrorCode.BAD_REQUEST, ar.cause().getMessage());
            return;
          }
          purge(rt, req, ar.result(), ip);
        });
      }
      case "/admin/cache" -> {
        if (req.method() != HttpMethod.GET) {
          req.response().putHeader("Allow", "GET");
          error(req, ErrorCode.METHOD_NOT_ALLOWED, "use GET");
          return;
        }
        inspect(rt, req);
      }
      default -> error(req, ErrorCode.ROUTE_NOT_FOUND, "no such admin endpoint");
    }
  }

  private void purge(ProxyRuntime rt, HttpServerRequest req, JsonObject body, String ip) {
    Purger p = purger.get();
    boolean soft = Boolean.TRUE.equals(body.getValue("soft"));
    Future<Integer> done;
    String what;
    int kinds = (body.containsKey("route") ? 1 : 0) + (body.containsKey("tag") ? 1 : 0)
        + (body.containsKey("path") ? 1 : 0) + (body.containsKey("all") ? 1 : 0);
    if (kinds != 1 || (body.containsKey("soft") && !(body.getValue("soft") instanceof Boolean))) {
      error(req, ErrorCode.BAD_REQUEST, "body must be one of {\"route\":…}, {\"tag\":…}, {\"path\":…}, {\"all\":true}, with optional \"soft\":true");
      return;
    }
    if (body.getValue("route") instanceof String route) {
      if (rt.config().routeTable().byName(route) == null) {
        error(req, ErrorCode.BAD_REQUEST, "no route named " + route);
        return;
      }
      what = "route " + route;
      done = p.route(route, soft);
    } else if (body.getValue("tag") instanceof String tag) {
      what = "tag " + tag;
      done = p.tag(tag, soft);
    } else if (body.getValue("path") instanceof String path) {
      String prefix;
      try {
        prefix = pathPrefix(rt, path);
      } catch (ProxyFailure f) {
        error(req, ErrorCode.BAD_REQUEST, f.getMessage());
        return;
      }
      what = "path " + path;
      done = p.keyPrefix(prefix, soft);
    } else if (Boolean.TRUE.equals(body.getValue("all"))) {
      what = "everything";
      done = p.all(soft);
    } else {
      error(req, ErrorCode.BAD_REQUEST, "route, tag and path must be strings; all must be true");
      return;
    }
    done.onComplete(ar -> {
      int n = ar.succeeded() ? ar.result() : 0;
      AUDIT.info("admin purge by {}: {}{} → {} entries", ip, what, soft ? " (soft)" : "", n);
      req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
          .end(new JsonObject().put("purged", n).encode());
    });
  }

  /** The key prefix shared by every variant of {@code path}, normalized as a request's would be. */
  static String pathPrefix(ProxyRuntime rt, String pathAndQuery) {
    RouteMatch m = matchPath(rt, pathAndQuery);
    int q = pathAndQuery.indexOf('?');
    String query = q < 0 ? null : pathAndQuery.substring(q + 1);
    try {
      RequestTarget t = CacheKeys.resolve(m, rt.upstreams().client(m.route().upstream()).basePath(), query,
          rt.config().server().maxQueryParams(), io.vertx.core.MultiMap.caseInsensitiveMultiMap());
      return t.variantsPrefix();
    } catch (IllegalArgumentException e) {
      throw new ProxyFailure(ErrorCode.BAD_REQUEST, "path: " + e.getMessage());
    }
  }

  private static RouteMatch matchPath(ProxyRuntime rt, String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new ProxyFailure(ErrorCode.BAD_REQUEST, "path must start with /");
    }
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String unsafe = PathGuard.check(path);
    if (unsafe != null) {
      throw new ProxyFailure(ErrorCode.BAD_REQUEST, unsafe);
    }
    RouteMatch m = rt.config().routeTable().match(path);
    if (m == null) {
      throw new ProxyFailure(ErrorCode.BAD_REQUEST, "no route matches " + path);
    }
    return m;
  }

  private void inspect(ProxyRuntime rt, HttpServerRequest req) {
    String path = req.getParam("path");
    if (path == null || path.isEmpty()) {
      error(req, ErrorCode.BAD_REQUEST, "give ?path=/the/path?and=query");
      return;
    }
    RouteMatch m;
    RequestTarget t;
    try {
      m = matchPath(rt, path);
      int q = path.indexOf('?');
      t = CacheKeys.resolve(m, rt.upstreams().client(m.route().upstream()).basePath(), q < 0 ? null : path.substring(q + 1),
          rt.config().server().maxQueryParams(), req.headers());
    } catch (ProxyFailure f) {
      error(req, f.code(), f.getMessage());
      return;
    } catch (IllegalArgumentException e) {
      error(req, ErrorCode.BAD_REQUEST, e.getMessage());
      return;
    }
    String key = t.cacheKey();
    CachedResponse mem = rt.store().memory().getNow(key);
    Future<CachedResponse> lookup = mem != null ? Future.succeededFuture(mem) : rt.store().sharedGet(key);
    lookup.onComplete(ar -> {
      CachedResponse e = ar.succeeded() ? ar.result() : null;
      long now = rt.clock().millis();
      JsonObject out = new JsonObject().put("key", key).put("route", m.route().name()).put("upstreamUri", t.upstreamUri());
      if (e == null) {
        out.put("stored", false);
      } else {
        out.put("stored", true)
            .put("tier", mem != null ? "memory" : "redis")
            .put("status", e.status())
            .put("age", e.ageSeconds(now))
            .put("ttl", e.ttlSeconds(now))
            .put("fresh", e.isFresh(now))
            .put("staleWhileRevalidateUntil", java.time.Instant.ofEpochMilli(e.swrUntil()).toString())
            .put("staleIfErrorUntil", java.time.Instant.ofEpochMilli(e.sieUntil()).toString())
            .put("size", e.body().length())
            .put("gzipSize", e.gzipBody() == null ? null : e.gzipBody().length())
            .put("etag", e.etag())
            .put("tags", e.tags())
            .put("storedAt", java.time.Instant.ofEpochMilli(e.storedAt()).toString());
      }
      req.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store").end(out.encode());
    });
  }

  /** The request body as JSON, at most {@link #MAX_BODY} bytes. */
  static Future<JsonObject> readJson(HttpServerRequest req) {
    return RequestBodies.read(req, MAX_BODY).compose(body -> {
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(body);
        return parsed instanceof JsonObject o ? Future.succeededFuture(o)
            : Future.failedFuture(new IllegalArgumentException("body must be a JSON object"));
      } catch (DecodeException e) {
        return Future.failedFuture(new IllegalArgumentException("body is not JSON"));
      }
    });
  }

  static void error(HttpServerRequest req, ErrorCode code, String message) {
    ErrorResponses.send(req.response(), false, new ProxyFailure(code, message), null, null, false);
  }
}

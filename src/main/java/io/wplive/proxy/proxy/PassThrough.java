package io.wplive.proxy.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.http.CacheStatus;
import io.wplive.proxy.http.HopByHop;
import io.wplive.proxy.observability.ProxyMetrics.Outcome;
import io.wplive.proxy.upstream.UpstreamRequest;
import io.wplive.proxy.upstream.UpstreamResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Requests that are never cached: other methods a route lists (writes), and GETs that carry
 * credentials the route forwards. The body is read up to {@code server.maxRequestBody}; after a
 * 2xx answer to an unsafe method the routes in {@code invalidates} are purged.
 */
final class PassThrough {
  private static final Set<String> NOT_RELAYED = Set.of("content-length", "via", "x-request-id", "cache-status", "x-cache");

  private PassThrough() {
  }

  /** @param why the Cache-Status {@code fwd} reason: {@code method} or {@code bypass} */
  static void forward(ProxyRuntime rt, Exchange ex, String why) {
    HttpServerRequest req = ex.request;
    long max = rt.config().server().maxRequestBody();
    String cl = req.headers().get("content-length");
    if (cl != null && parseLong(cl) > max) {
      ProxyHandler.fail(rt, ex, new ProxyFailure(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + max + " bytes"));
      req.connection().close();
      return;
    }
    var reading = RequestBodies.read(req, max);
    if ("100-continue".equalsIgnoreCase(req.headers().get("expect"))) {
      ex.response.writeContinue(); // the size is acceptable: let curl/PHP send the body now
    }
    ex.resumeIfPaused();
    reading.onComplete(ar -> {
      if (ar.failed()) {
        ProxyFailure f = ar.cause() instanceof ProxyFailure pf ? pf
            : new ProxyFailure(ErrorCode.BAD_REQUEST, "the request body could not be read");
        ProxyHandler.fail(rt, ex, f);
        req.connection().close();
        return;
      }
      Buffer body = ar.result();
      var server = rt.config().server();
      String ip = ForwardHeaders.clientIp(req, server.trustedProxies());
      boolean trusted = req.remoteAddress() != null && ForwardHeaders.isTrusted(req.remoteAddress().hostAddress(), server.trustedProxies());
      MultiMap headers = ForwardHeaders.build(req, ex.route, false, ip, trusted, ex.requestId, ex.authHeader());
      UpstreamRequest up = new UpstreamRequest(ex.method, ex.target.upstreamUri(), headers,
          body.length() == 0 && !ex.method.name().matches("POST|PUT|PATCH") ? null : body);
      ex.upstreamTried = true;
      ProxyHandler.onContext(ex.context, rt.upstreams().call(ex.route.upstream(), up)).onComplete(res -> {
        if (res.failed()) {
          ProxyHandler.fail(rt, ex, ProxyHandler.asFailure(res.cause()));
          return;
        }
        relay(rt, ex, res.result(), why);
      });
    });
  }

  private static void relay(ProxyRuntime rt, Exchange ex, UpstreamResponse resp, String why) {
    ex.upstreamStatus = resp.status();
    ex.upstreamMs = resp.durationMs();
    ProxyFailure failure = Fetcher.failureFor(ex.route, resp, rt.clock().millis());
    if (failure != null && failure.relay() == null) {
      ProxyHandler.fail(rt, ex, failure);
      return;
    }
    if (resp.status() / 100 == 2 && !isSafe(ex.method.name())) {
      Invalidation.afterWrite(rt, ex);
    }
    var out = ex.response;
    Set<String> hop = HopByHop.namesFor(resp.headers().getAll("connection"));
    for (Map.Entry<String, String> h : resp.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (!hop.contains(name) && !NOT_RELAYED.contains(name) && !name.startsWith("access-control-")) {
        out.headers().add(h.getKey(), h.getValue());
      }
    }
    out.headers().set(Headers.CACHE_STATUS, CacheStatus.bypass(why) + "; fwd-status=" + resp.status());
    out.headers().set(Headers.X_CACHE, Headers.X_BYPASS);
    out.headers().set(Headers.VIA, Headers.VIA_VALUE);
    out.headers().set(Headers.X_REQUEST_ID, ex.requestId);
    out.setStatusCode(resp.status());
    if (ex.head) {
      out.headers().set(Headers.CONTENT_LENGTH, Integer.toString(resp.body().length()));
      out.end();
    } else {
      out.end(resp.body());
    }
    ProxyHandler.done(rt, ex, Outcome.BYPASS);
  }

  static boolean isSafe(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}

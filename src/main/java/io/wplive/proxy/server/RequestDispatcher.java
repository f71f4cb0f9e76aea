package io.wplive.proxy.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.demo.DemoUpstreams;
import io.wplive.proxy.observability.OpsHandler;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.ProxyHandler;

/**
 * The first stop of every request on the public port: the proxy's own endpoints
 * ({@code /health…}, {@code /metrics}, {@code /__demo/…}) are answered here; everything else is
 * a proxied request. One character test keeps the proxied path free of string comparisons.
 */
final class RequestDispatcher implements Handler<HttpServerRequest> {
  private final ProxyHandler proxy;
  private final OpsHandler ops;
  private final DemoUpstreams demo;
  private final boolean opsOnThisPort;

  /**
   * @param demo the demo upstreams, or {@code null} when disabled
   * @param opsOnThisPort whether details and metrics live here (no separate admin port)
   */
  RequestDispatcher(ProxyHandler proxy, OpsHandler ops, DemoUpstreams demo, boolean opsOnThisPort) {
    this.proxy = proxy;
    this.ops = ops;
    this.demo = demo;
    this.opsOnThisPort = opsOnThisPort;
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    if (path != null && path.length() > 2 && path.charAt(0) == '/') {
      char c = path.charAt(1);
      if (c == 'h' && path.startsWith("/health")) {
        if (ops.handle(req, opsOnThisPort)) {
          return;
        }
        notFound(req);
        return;
      }
      if (c == 'm' && path.equals("/metrics")) {
        if (!ops.handle(req, opsOnThisPort)) {
          notFound(req);
        }
        return;
      }
      if (c == '_' && path.startsWith("/__demo/")) {
        if (demo != null) {
          demo.control(req);
        } else {
          notFound(req);
        }
        return;
      }
      if ((c == 'a' && path.startsWith("/admin/")) || (c == 'h' && path.startsWith("/hooks/"))) {
        notFound(req);
        return;
      }
    }
    proxy.handle(req);
  }

  private static void notFound(HttpServerRequest req) {
    ErrorResponses.send(req.response(), false, new ProxyFailure(ErrorCode.ROUTE_NOT_FOUND, "no such endpoint"), null, null, false);
  }
}

package io.wplive.proxy.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.admin.AdminHandler;
import io.wplive.proxy.admin.WebhookHandler;
import io.wplive.proxy.config.Cidr;
import io.wplive.proxy.demo.DemoUpstreams;
import io.wplive.proxy.observability.OpsHandler;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.ProxyHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * The first stop of every request: the proxy's own endpoints ({@code /health…}, {@code /metrics},
 * {@code /admin/…}, {@code /hooks/…}, {@code /__demo/…}) are answered here; everything else is a
 * proxied request. One character test keeps the proxied path free of string comparisons.
 */
final class RequestDispatcher implements Handler<HttpServerRequest> {
  private final ProxyHandler proxy;
  private final OpsHandler ops;
  private final AdminHandler admin;
  private final WebhookHandler hooks;
  private final DemoUpstreams demo;
  private final boolean opsHere;
  private final Supplier<List<Cidr>> allowFrom;

  /**
   * @param proxy null on the admin listener
   * @param hooks null on the admin listener
   * @param demo the demo upstreams, or {@code null} when disabled
   * @param opsHere whether /admin, /metrics and /health details live on this listener
   */
  RequestDispatcher(ProxyHandler proxy, OpsHandler ops, AdminHandler admin, WebhookHandler hooks, DemoUpstreams demo,
      boolean opsHere, Supplier<List<Cidr>> allowFrom) {
    this.proxy = proxy;
    this.ops = ops;
    this.admin = admin;
    this.hooks = hooks;
    this.demo = demo;
    this.opsHere = opsHere;
    this.allowFrom = allowFrom;
  }

  /** The {@code admin.port} listener: admin, metrics and health only. */
  static RequestDispatcher adminPort(OpsHandler ops, AdminHandler admin, Supplier<List<Cidr>> allowFrom) {
    return new RequestDispatcher(null, ops, admin, null, null, true, allowFrom);
  }

  @Override
  public void handle(HttpServerRequest req) {
    String path = req.path();
    if (path != null && path.length() > 2 && path.charAt(0) == '/') {
      char c = path.charAt(1);
      if (c == 'h' && path.startsWith("/health")) {
        if (!ops.handle(req, opsHere)) {
          notFound(req);
        }
        return;
      }
      if (c == 'm' && path.equals("/metrics")) {
        if (!opsHere || !AdminHandler.allowed(allowFrom.get(), ip(req)) || !ops.handle(req, true)) {
          notFound(req);
        }
        return;
      }
      if (c == 'a' && path.startsWith("/admin/")) {
        if (opsHere) {
          admin.handle(req);
        } else {
          notFound(req);
        }
        return;
      }
      if (c == 'h' && path.startsWith("/hooks/")) {
        if (hooks != null) {
          hooks.handle(req);
        } else {
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
    }
    if (proxy != null) {
      proxy.handle(req);
    } else {
      notFound(req);
    }
  }

  private static String ip(HttpServerRequest req) {
    return req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
  }

  private static void notFound(HttpServerRequest req) {
    ErrorResponses.send(req.response(), req.method() == HttpMethod.HEAD,
        new ProxyFailure(ErrorCode.ROUTE_NOT_FOUND, "no such endpoint"), null, null, false);
  }
}

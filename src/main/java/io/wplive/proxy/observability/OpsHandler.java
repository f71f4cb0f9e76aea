package io.wplive.proxy.observability;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import java.util.function.Supplier;

/** {@code /health/live}, {@code /health/ready}, {@code /health} and {@code /metrics} (SPEC §5). */
public final class OpsHandler {
  private final HealthState health;
  private final ProxyMetrics metrics;
  private final Supplier<JsonObject> details;

  /** @param details what {@code /health} adds: cache sizes, upstream budgets and states */
  public OpsHandler(HealthState health, ProxyMetrics metrics, Supplier<JsonObject> details) {
    this.health = health;
    this.metrics = metrics;
    this.details = details;
  }

  /** @param full also the details and metrics (false on the public port when admin.port is set) */
  public boolean handle(HttpServerRequest req, boolean full) {
    String path = req.path();
    boolean probe = path.equals("/health/live") || path.equals("/health/ready");
    boolean detail = path.equals("/health") || path.equals("/metrics");
    if (!probe && !(detail && full)) {
      return false;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      req.response().headers().set("Allow", "GET, HEAD");
      ErrorResponses.send(req.response(), false, new io.wplive.proxy.proxy.ProxyFailure(ErrorCode.METHOD_NOT_ALLOWED,
          "only GET and HEAD"), null, null, false);
      return true;
    }
    HttpServerResponse resp = req.response().putHeader("Cache-Control", "no-store");
    switch (path) {
      case "/health/live" -> json(resp, 200, new JsonObject().put("status", "UP"));
      case "/health/ready" -> {
        JsonObject checks = health.checks();
        String status = health.status(checks);
        json(resp, status.equals("DOWN") ? 503 : 200, new JsonObject().put("status", status).put("checks", checks));
      }
      case "/health" -> {
        JsonObject checks = health.checks();
        JsonObject body = new JsonObject().put("status", health.status(checks)).put("phase", health.phase().name())
            .put("checks", checks);
        body.mergeIn(details.get());
        json(resp, 200, body);
      }
      default -> resp.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
    return true;
  }

  private static void json(HttpServerResponse resp, int status, JsonObject body) {
    resp.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toBuffer());
  }
}

package io.wplive.proxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.normalize.NormalizeException;
import io.wplive.proxy.normalize.NormalizedBody;
import io.wplive.proxy.normalize.Normalizer;
import io.wplive.proxy.normalize.PageRequest;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.routing.Route;
import io.wplive.proxy.routing.RouteTable;
import io.wplive.proxy.upstream.UpstreamResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The normalizer of every route that has a {@code normalize} section (SPEC §6). Runs once per
 * upstream fetch, on a worker thread (a big feed or an iCalendar expansion must not stall an
 * event loop); the hit path serves the stored envelope untouched.
 */
public final class Normalizers {
  private static final Logger LOG = LoggerFactory.getLogger(Normalizers.class);
  /**
   * The upstream headers an envelope keeps: those about freshness and validation (the storage
   * decision reads them). Everything else describes the vendor's bytes (Content-Type,
   * Content-Disposition, OData-Version, Link with the vendor's URLs…) and is dropped.
   */
  private static final Set<String> KEPT = Set.of("cache-control", "expires", "date", "age", "last-modified", "vary",
      "set-cookie", "content-language");

  private final Vertx vertx;
  private final ProxyMetrics metrics;
  private final Map<String, Normalizer> byRoute = new HashMap<>();

  public Normalizers(Vertx vertx, RouteTable routes, ProxyMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.metrics = metrics;
    for (Route r : routes.routes()) {
      if (r.options().normalize() != null) {
        byRoute.put(r.name(), new Normalizer(r.name(), r.options().normalize(), clock));
        metrics.normalizeWarnings(r.name());
      }
    }
  }

  public boolean has(String route) {
    return byRoute.containsKey(route);
  }

  /**
   * The upstream answer with its body replaced by the envelope; fails with a 502-class
   * {@link ProxyFailure} (stale copy if any) when the body cannot be normalized.
   */
  public Future<UpstreamResponse> normalize(Route route, UpstreamResponse resp, PageRequest page) {
    Normalizer n = byRoute.get(route.name());
    MultiMap upstream = resp.headers();
    return vertx.executeBlocking(() -> n.normalize(resp.body().getBytes(), upstream.get("content-type"), upstream::get, page), false)
        .transform(ar -> {
          if (ar.failed()) {
            String why = ar.cause() instanceof NormalizeException ne ? ne.getMessage() : ar.cause().getClass().getSimpleName();
            // one line, never the body: it may be huge or carry data that does not belong in logs
            LOG.warn("route {}: upstream {} answered a body that cannot be normalized: {}", route.name(), route.upstream(), why);
            return Future.failedFuture(new ProxyFailure(ErrorCode.UPSTREAM_ERROR,
                "upstream " + route.upstream() + " answered a body route " + route.name() + " cannot normalize", 0, resp.status(), null));
          }
          NormalizedBody body = ar.result();
          if (body.warnings() > 0) {
            metrics.normalizeWarnings(route.name()).increment(body.warnings());
            LOG.warn("route {}: {} value(s) could not take their type and became null, e.g. {}", route.name(), body.warnings(),
                body.warningMessages().isEmpty() ? "-" : body.warningMessages().get(0));
          }
          MultiMap h = MultiMap.caseInsensitiveMultiMap();
          upstream.forEach(e -> {
            if (KEPT.contains(e.getKey().toLowerCase(Locale.ROOT))) {
              h.add(e.getKey(), e.getValue());
            }
          });
          h.set("Content-Type", "application/json; charset=utf-8");
          if (body.total() != null) {
            h.set("X-WP-Total", Long.toString(body.total()));
          }
          if (body.totalPages() != null) {
            h.set("X-WP-TotalPages", Integer.toString(body.totalPages()));
          }
          return Future.succeededFuture(new UpstreamResponse(resp.status(), h, Buffer.buffer(body.json()), resp.durationMs()));
        });
  }
}

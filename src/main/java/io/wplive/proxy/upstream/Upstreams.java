package io.wplive.proxy.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.resilience.UpstreamGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configured upstream's client and guard, and the one door all upstream calls go through,
 * so each call is guarded, counted and timed the same way.
 */
public final class Upstreams {
  private final Map<String, UpstreamClient> clients = new LinkedHashMap<>();
  private final Map<String, UpstreamGuard> guards = new LinkedHashMap<>();
  private final ProxyMetrics metrics;

  public Upstreams(Vertx vertx, Map<String, UpstreamOptions> options, ProxyMetrics metrics, Clock clock) {
    this.metrics = metrics;
    options.forEach((name, o) -> {
      clients.put(name, new UpstreamClient(vertx, o));
      ProxyMetrics.UpstreamMeters meters = metrics.upstream(name);
      UpstreamGuard guard = new UpstreamGuard(vertx, o, clock, meters::throttled);
      guards.put(name, guard);
      metrics.circuitState(name, guard::circuitStateCode);
    });
  }

  public UpstreamClient client(String name) {
    return clients.get(name);
  }

  public Map<String, UpstreamClient> clients() {
    return clients;
  }

  public UpstreamGuard guard(String name) {
    return guards.get(name);
  }

  /** name → CLOSED, OPEN, HALF_OPEN or COOLDOWN, for readiness. */
  public Map<String, String> states() {
    Map<String, String> out = new LinkedHashMap<>();
    guards.forEach((n, g) -> out.put(n, g.state()));
    return out;
  }

  /** One guarded call to {@code upstream}; always completes with a response or a {@link ProxyFailure}. */
  public Future<UpstreamResponse> call(String upstream, UpstreamRequest request) {
    UpstreamClient client = clients.get(upstream);
    ProxyMetrics.UpstreamMeters meters = metrics.upstream(upstream);
    return guards.get(upstream).call(request.method(), left -> {
      long start = System.nanoTime();
      return client.send(request, left).andThen(ar -> {
        if (ar.succeeded()) {
          meters.record(ar.result().status() / 100 + "xx", ar.result().durationMs());
        } else {
          String outcome = ar.cause() instanceof ProxyFailure pf && pf.detail() != null ? pf.detail() : "connect_error";
          meters.record(outcome, (System.nanoTime() - start) / 1_000_000);
        }
      });
    }).onFailure(err -> {
      if (err instanceof ProxyFailure pf && ("circuit-open".equals(pf.detail()) || "rate-limited".equals(pf.detail()))
          && pf.upstreamStatus() == 0) {
        meters.record("rejected", -1); // refused before leaving the proxy
      }
    });
  }

  public Future<Void> close() {
    guards.values().forEach(UpstreamGuard::close);
    return Future.all(clients.values().stream().map(UpstreamClient::close).toList()).mapEmpty();
  }
}

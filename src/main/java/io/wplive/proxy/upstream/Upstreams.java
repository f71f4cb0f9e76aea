package io.wplive.proxy.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.resilience.UpstreamBudget;
import io.wplive.proxy.resilience.UpstreamGuard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configured upstream's client and guard, and the one door all upstream calls go through,
 * so each call is guarded, counted and timed the same way.
 */
public final class Upstreams {
  private final Map<String, UpstreamClient> clients = new LinkedHashMap<>();
  private final Map<String, UpstreamGuard> guards = new LinkedHashMap<>();
  private final ProxyMetrics metrics;

  public Upstreams(Vertx vertx, Map<String, UpstreamOptions> options, ProxyMetrics metrics, Clock clock, UpstreamBudget budget) {
    this(vertx, options, metrics, clock, budget, null);
  }

  /**
   * @param previous the upstreams of the configuration being replaced: an upstream whose section
   *     did not change keeps its client (pooled connections) and guard (breaker state, cooldown)
   */
  public Upstreams(Vertx vertx, Map<String, UpstreamOptions> options, ProxyMetrics metrics, Clock clock, UpstreamBudget budget,
      Upstreams previous) {
    this.metrics = metrics;
    options.forEach((name, o) -> {
      UpstreamClient old = previous == null ? null : previous.clients.get(name);
      if (old != null && old.options().fingerprint().equals(o.fingerprint())) {
        clients.put(name, old);
        guards.put(name, previous.guards.get(name));
        return;
      }
      clients.put(name, new UpstreamClient(vertx, o, clock));
      ProxyMetrics.UpstreamMeters meters = metrics.upstream(name);
      guards.put(name, new UpstreamGuard(vertx, o, clock, budget, meters::throttled));
    });
  }

  /** Closes what {@code next} no longer uses (call once requests on this configuration are done). */
  public Future<Void> closeUnusedBy(Upstreams next) {
    List<Future<Void>> closing = new ArrayList<>();
    clients.forEach((name, c) -> {
      if (next.clients.get(name) != c) {
        guards.get(name).close();
        closing.add(c.close());
      }
    });
    return Future.join(closing).mapEmpty();
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
    return call(upstream, request, false);
  }

  /** @param background a refresh no client waits for: it yields to foreground calls at the budget */
  public Future<UpstreamResponse> call(String upstream, UpstreamRequest request, boolean background) {
    UpstreamClient client = clients.get(upstream);
    ProxyMetrics.UpstreamMeters meters = metrics.upstream(upstream);
    boolean[] sent = {false};
    return guards.get(upstream).call(request.method(), background, left -> {
      sent[0] = true;
      long start = System.nanoTime();
      return client.send(request, left).andThen(ar -> {
        // nanoseconds: a nearby upstream answers in under a millisecond, which whole milliseconds record as 0
        long tookNanos = System.nanoTime() - start;
        String outcome = ar.succeeded() ? ar.result().status() / 100 + "xx"
            : ar.cause() instanceof ProxyFailure pf && pf.detail() != null ? pf.detail() : "connect_error";
        meters.record(outcome, tookNanos);
      });
    }).onFailure(err -> {
      if (!sent[0]) {
        meters.record("rejected", -1); // refused before leaving the proxy
      }
    });
  }

  public Future<Void> close() {
    guards.values().forEach(UpstreamGuard::close);
    return Future.all(clients.values().stream().map(UpstreamClient::close).toList()).mapEmpty();
  }
}

package io.wplive.proxy.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.proxy.ProxyFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configured upstream's client, and the one door all upstream calls go through, so each
 * call is counted and timed the same way.
 */
public final class Upstreams {
  private final Map<String, UpstreamClient> clients = new LinkedHashMap<>();
  private final ProxyMetrics metrics;

  public Upstreams(Vertx vertx, Map<String, UpstreamOptions> options, ProxyMetrics metrics) {
    this.metrics = metrics;
    options.forEach((name, o) -> {
      clients.put(name, new UpstreamClient(vertx, o));
      metrics.upstream(name);
    });
  }

  public UpstreamClient client(String name) {
    return clients.get(name);
  }

  public Map<String, UpstreamClient> clients() {
    return clients;
  }

  /** One exchange with {@code upstream}; always completes with a response or a {@link ProxyFailure}. */
  public Future<UpstreamResponse> call(String upstream, UpstreamRequest request) {
    UpstreamClient client = clients.get(upstream);
    long start = System.nanoTime();
    ProxyMetrics.UpstreamMeters meters = metrics.upstream(upstream);
    return client.send(request, start)
        .andThen(ar -> {
          if (ar.succeeded()) {
            meters.record(ar.result().status() / 100 + "xx", ar.result().durationMs());
          } else {
            String outcome = ar.cause() instanceof ProxyFailure pf && pf.detail() != null ? pf.detail() : "connect_error";
            meters.record(outcome, (System.nanoTime() - start) / 1_000_000);
          }
        });
  }

  public Future<Void> close() {
    return Future.all(clients.values().stream().map(UpstreamClient::close).toList()).mapEmpty();
  }
}

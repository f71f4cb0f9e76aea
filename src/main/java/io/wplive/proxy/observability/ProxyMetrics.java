package io.wplive.proxy.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The proxy's own series (SPEC §5). Meters are resolved once per route and upstream and then
 * incremented directly: the hit path pays one counter increment. Label values are names from the
 * config, never raw paths.
 */
public final class ProxyMetrics {
  /** Values of the {@code cache} label of {@code wplp_requests_total}. */
  public enum Outcome { HIT, MISS, STALE, BYPASS, ERROR }

  /** Values of the {@code outcome} label of {@code wplp_upstream_requests_total}. */
  public static final String[] UPSTREAM_OUTCOMES = {"2xx", "3xx", "4xx", "5xx", "timeout", "connect_error", "rejected"};

  private final MeterRegistry registry;
  private final Map<String, Counter[]> routes = new ConcurrentHashMap<>();
  private final Map<String, UpstreamMeters> upstreams = new ConcurrentHashMap<>();
  private final Map<String, Counter> lookups = new ConcurrentHashMap<>();
  private final Map<String, Counter> normalizeWarnings = new ConcurrentHashMap<>();

  /** Meters of one upstream. */
  public static final class UpstreamMeters {
    private final Counter[] outcomes = new Counter[UPSTREAM_OUTCOMES.length];
    private final Timer duration;
    private final Counter throttled;

    UpstreamMeters(MeterRegistry r, String name) {
      for (int i = 0; i < UPSTREAM_OUTCOMES.length; i++) {
        outcomes[i] = Counter.builder("wplp_upstream_requests").description("Calls to upstreams by outcome")
            .tag("upstream", name).tag("outcome", UPSTREAM_OUTCOMES[i]).register(r);
      }
      duration = Timer.builder("wplp_upstream_duration").description("Upstream exchange time")
          .tag("upstream", name).publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60)).register(r);
      throttled = Counter.builder("wplp_upstream_throttled").description("Upstream 429/Retry-After signals and budget refusals")
          .tag("upstream", name).register(r);
    }

    /**
     * @param outcome one of {@link #UPSTREAM_OUTCOMES}
     * @param durationNanos the exchange's time, or negative for a call that never left the proxy
     */
    public void record(String outcome, long durationNanos) {
      for (int i = 0; i < UPSTREAM_OUTCOMES.length; i++) {
        if (UPSTREAM_OUTCOMES[i].equals(outcome)) {
          outcomes[i].increment();
        }
      }
      if (durationNanos >= 0) {
        duration.record(durationNanos, TimeUnit.NANOSECONDS);
      }
    }

    public void throttled() {
      throttled.increment();
    }
  }

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String tier : new String[] {"memory", "redis"}) {
      for (String result : new String[] {"hit", "miss", "error"}) {
        lookup(tier, result);
      }
    }
    for (String result : new String[] {"success", "rejected"}) {
      Counter.builder("wplp_config_reloads").description("Config reloads").tag("result", result).register(registry);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counters of one route, indexed by {@link Outcome#ordinal()}. */
  public Counter[] route(String name) {
    return routes.computeIfAbsent(name, n -> {
      Counter[] c = new Counter[Outcome.values().length];
      for (Outcome o : Outcome.values()) {
        c[o.ordinal()] = Counter.builder("wplp_requests").description("Client requests by route and cache outcome")
            .tag("route", n).tag("cache", o.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
      }
      return c;
    });
  }

  public void request(String route, Outcome outcome) {
    route(route)[outcome.ordinal()].increment();
  }

  public UpstreamMeters upstream(String name) {
    return upstreams.computeIfAbsent(name, n -> new UpstreamMeters(registry, n));
  }

  public Counter lookup(String tier, String result) {
    return lookups.computeIfAbsent(tier + "/" + result, k -> Counter.builder("wplp_cache_lookups")
        .description("Cache lookups by tier and result").tag("tier", tier).tag("result", result).register(registry));
  }

  public Counter normalizeWarnings(String route) {
    return normalizeWarnings.computeIfAbsent(route, r -> Counter.builder("wplp_normalize_warnings")
        .description("Values that could not take their type").tag("route", r).register(registry));
  }

  public void configReload(boolean success) {
    registry.counter("wplp_config_reloads", "result", success ? "success" : "rejected").increment();
  }

  /** {@code wplp_circuit_state{upstream}}: 0 closed, 1 open, 2 half-open. */
  public void circuitState(String upstream, Supplier<Number> state) {
    Gauge.builder("wplp_circuit_state", state).description("Circuit state: 0 closed, 1 open, 2 half-open")
        .tag("upstream", upstream).register(registry);
  }

  /** Prometheus text format. */
  public String scrape() {
    return registry instanceof PrometheusMeterRegistry p ? p.scrape() : "";
  }
}

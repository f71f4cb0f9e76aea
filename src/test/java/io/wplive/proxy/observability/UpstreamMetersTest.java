package io.wplive.proxy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How one upstream's exchanges land in {@code wplp_upstream_requests_total} and {@code wplp_upstream_duration_seconds}. */
class UpstreamMetersTest {
  private PrometheusMeterRegistry registry;
  private ProxyMetrics.UpstreamMeters meters;

  @BeforeEach
  void setUp() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters = new ProxyMetrics(registry).upstream("api");
  }

  private Timer duration() {
    return registry.get("wplp_upstream_duration").tag("upstream", "api").timer();
  }

  private double outcome(String outcome) {
    return registry.get("wplp_upstream_requests").tag("upstream", "api").tag("outcome", outcome).counter().count();
  }

  @Test
  void subMillisecondExchangesKeepTheirTime() {
    // an upstream on the same host answers in a few hundred microseconds
    meters.record("2xx", TimeUnit.MICROSECONDS.toNanos(300));
    meters.record("2xx", TimeUnit.MICROSECONDS.toNanos(450));

    assertThat(duration().count()).isEqualTo(2);
    assertThat(duration().totalTime(TimeUnit.MICROSECONDS)).isEqualTo(750.0);
    assertThat(outcome("2xx")).isEqualTo(2.0);
  }

  @Test
  void eachOutcomeCountsOnItsOwnSeries() {
    meters.record("5xx", TimeUnit.MILLISECONDS.toNanos(20));
    meters.record("timeout", TimeUnit.SECONDS.toNanos(2));

    assertThat(outcome("5xx")).isEqualTo(1.0);
    assertThat(outcome("timeout")).isEqualTo(1.0);
    assertThat(outcome("2xx")).isZero();
    assertThat(duration().max(TimeUnit.SECONDS)).isEqualTo(2.0);
  }

  @Test
  void aCallRefusedBeforeItLeftCountsButHasNoDuration() {
    meters.record("rejected", -1);

    assertThat(outcome("rejected")).isEqualTo(1.0);
    assertThat(duration().count()).isZero();
  }

  @Test
  void theScrapeShowsSubMillisecondTimeInSeconds() {
    meters.record("2xx", TimeUnit.MICROSECONDS.toNanos(500));

    assertThat(registry.scrape()).contains("wplp_upstream_duration_seconds_sum{upstream=\"api\"} 5.0E-4");
  }
}

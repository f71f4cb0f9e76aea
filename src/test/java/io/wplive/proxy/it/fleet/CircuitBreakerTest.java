package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 / SPEC §3 {@code circuitBreaker}: {@code failureThreshold} failures open the circuit;
 * while open the upstream is not called (503 {@code upstream_unavailable} with Retry-After, or
 * the stale copy with {@code detail=circuit-open}); after {@code openFor} one half-open probe
 * decides.
 */
class CircuitBreakerTest extends FleetTestBase {
  private static final long OPEN_FOR_MS = 2_000;
  private static final Pattern CIRCUIT_GAUGE = Pattern.compile("(?m)^wplp_circuit_state\\{[^}]*upstream=\"api\"[^}]*\\}\\s+([0-9.]+)");

  private final AtomicReference<Reply> answer = new AtomicReference<>(Reply.ok("{\"ok\":true}"));
  private final AtomicInteger key = new AtomicInteger();

  private static String upstreamState(JsonObject ready) {
    return ready.getJsonObject("checks").getJsonObject("upstreams").getString("api");
  }

  private static double circuitGauge(ProxyFixture p) {
    String metrics = p.http().get("/metrics").text();
    Matcher m = CIRCUIT_GAUGE.matcher(metrics);
    assertThat(m.find()).as("wplp_circuit_state{upstream=\"api\"} in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private String coldKey() {
    return "/api/items/cold-" + key.incrementAndGet();
  }

  @Test
  void opensAfterThreeFailuresFailsFastServesStaleAndOneProbeClosesIt() {
    upstream.respond(r -> answer.get());
    ProxyFixture a = startInstance(config()
        .upstream("circuitBreaker: {failureThreshold: 3, window: 10s, openFor: 2s}")
        .route("items", "{ttl: 1s, staleIfError: 1h}"));
    assertThat(a.http().get("/api/items/primed").xCache()).isEqualTo("MISS");
    assertThat(upstream.total()).isEqualTo(1);

    answer.set(Reply.status(500, "{\"boom\":true}"));
    for (int i = 1; i <= 3; i++) {
      HttpResult r = a.http().get(coldKey());
      assertJsonError(r, 502, "upstream_error");
    }
    long openedAt = System.nanoTime();
    assertThat(upstream.total()).as("the three failing calls reached the upstream").isEqualTo(4);

    // open: nothing reaches the upstream
    HttpResult cold = a.http().get(coldKey());
    JsonObject err = assertJsonError(cold, 503, "upstream_unavailable");
    assertThat(err.getString("route")).isEqualTo("items");
    long ra = retryAfter(cold);
    assertThat(ra).as("Retry-After while open for 2 s").isLessThanOrEqualTo(2);
    assertThat(cold.cacheStatus()).contains("detail=circuit-open");
    assertThat(cold.millis()).as("fails fast").isLessThan(500);

    clock.advance(1_500); // the primed entry is stale now (staleIfError 1 h)
    HttpResult stale = a.http().get("/api/items/primed");
    assertThat(stale.status()).as("%s", stale).isEqualTo(200);
    assertThat(stale.xCache()).isEqualTo("STALE");
    assertThat(stale.text()).isEqualTo("{\"ok\":true}");
    assertThat(stale.cacheStatus()).contains("detail=circuit-open");

    JsonObject ready = ready(a);
    assertThat(ready.getInteger("httpStatus")).isEqualTo(200);
    assertThat(ready.getString("status")).isEqualTo("DEGRADED");
    assertThat(upstreamState(ready)).isEqualTo("OPEN");
    assertThat(circuitGauge(a)).as("wplp_circuit_state while open").isEqualTo(1.0);
    assertThat(upstream.total()).as("no upstream call while open").isEqualTo(4);

    // recovery: the upstream is fine again, but the circuit stays open until openFor has passed
    answer.set(Reply.ok("{\"ok\":\"again\"}").delay(1_000)); // the probe is still out when the others arrive
    JsonObject halfOpen = awaitReady(a, "HALF_OPEN after openFor", Duration.ofSeconds(6),
        j -> !"OPEN".equals(upstreamState(j)));
    long openMs = (System.nanoTime() - openedAt) / 1_000_000;
    report("circuit left OPEN after %d ms (openFor %d ms) → %s", openMs, OPEN_FOR_MS, upstreamState(halfOpen));
    assertThat(openMs).as("time the circuit stayed open, ms").isGreaterThanOrEqualTo(OPEN_FOR_MS - 300);
    assertThat(upstreamState(halfOpen)).isEqualTo("HALF_OPEN");
    assertThat(upstream.total()).as("no upstream call until the probe").isEqualTo(4);

    // five concurrent misses in half-open: exactly one is the probe
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(get(a, coldKey()));
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(10));
    long ok = answers.stream().filter(r -> r.status() == 200).count();
    report("half-open burst of 5: %d answered 200, statuses %s", ok, answers.stream().map(HttpResult::status).toList());
    assertThat(upstream.total()).as("upstream calls in half-open: one probe").isEqualTo(5);
    assertThat(ok).isEqualTo(1);
    for (HttpResult r : answers) {
      if (r.status() != 200) {
        assertJsonError(r, 503, "upstream_unavailable");
        retryAfter(r);
      }
    }
    JsonObject closed = awaitReady(a, "CLOSED after the probe", Duration.ofSeconds(2), j -> "CLOSED".equals(upstreamState(j)));
    assertThat(closed.getString("status")).isEqualTo("UP");
    assertThat(circuitGauge(a)).isEqualTo(0.0);
    HttpResult after = a.http().get(coldKey());
    assertThat(after.status()).isEqualTo(200);
    assertThat(upstream.total()).isEqualTo(6);
  }

  @Test
  void whileOpenNoRequestOfAnyKeyReachesTheUpstream() {
    upstream.respond(r -> answer.get());
    ProxyFixture a = startInstance(config()
        .upstream("circuitBreaker: {failureThreshold: 3, window: 10s, openFor: 2s}")
        .route("items", null));
    answer.set(Reply.status(503, "{}")); // a 503 without Retry-After is a failure, not a rate signal
    for (int i = 0; i < 3; i++) {
      assertThat(a.http().get(coldKey()).status()).isEqualTo(502);
    }
    assertThat(upstream.total()).isEqualTo(3);
    long start = System.nanoTime();
    int sent = 0;
    // hammer for most of openFor: every request fails fast, none reaches the upstream
    while ((System.nanoTime() - start) / 1_000_000 < OPEN_FOR_MS - 500) {
      HttpResult r = a.http().get(coldKey());
      assertJsonError(r, 503, "upstream_unavailable");
      sent++;
      Blocking.sleep(20);
    }
    report("%d requests while open, upstream total %d", sent, upstream.total());
    assertThat(upstream.total()).isEqualTo(3);
    assertThat(circuitGauge(a)).isEqualTo(1.0);
  }
}

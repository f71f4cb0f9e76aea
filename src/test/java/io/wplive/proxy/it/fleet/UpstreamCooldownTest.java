package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §4: "An upstream 429 or 503 with Retry-After … stops all calls to it until
 * then (a cooldown, shared through Redis)."
 */
class UpstreamCooldownTest extends FleetTestBase {
  private static final int RETRY_AFTER_S = 3;

  private final AtomicReference<Reply> answer = new AtomicReference<>(Reply.ok("{\"ok\":true}"));
  private final AtomicInteger key = new AtomicInteger();

  private static String upstreamState(JsonObject ready) {
    return ready.getJsonObject("checks").getJsonObject("upstreams").getString("api");
  }

  @Test
  void a429StopsEveryInstanceForRetryAfter() {
    cooldownIsFleetWide(config().route("items", "{ttl: 1s, staleIfError: 1h}"));
  }

  /** The same with a shared rate budget, whose Lua script also carries the cooldown. */
  @Test
  void a429StopsEveryInstanceAlsoWithASharedBudget() {
    cooldownIsFleetWide(config().upstream("rateLimit: {requests: 100, per: 1s}").route("items", "{ttl: 1s, staleIfError: 1h}"));
  }

  /** A 503 with Retry-After is a rate signal: a cooldown, and no failure for the circuit breaker. */
  @Test
  void a503WithRetryAfterIsACooldownAndNotACircuitFailure() {
    upstream.respond(r -> answer.get());
    Config c = config().upstream("circuitBreaker: {failureThreshold: 1, window: 10s, openFor: 30s}")
        .route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    answer.set(Reply.status(503, "{}").header("Retry-After", "2"));
    HttpResult first = a.http().get("/api/items/cold-0");
    long sawIt = System.nanoTime();
    assertJsonError(first, 503, "upstream_rate_limited");
    assertThat(retryAfter(first)).isLessThanOrEqualTo(2);
    assertThat(upstreamState(ready(a))).as("a 503 + Retry-After is a cooldown, not an open circuit").isEqualTo("COOLDOWN");
    HttpResult onB = b.http().get("/api/items/cold-1");
    assertJsonError(onB, 503, "upstream_rate_limited");
    assertThat(upstream.total()).isEqualTo(1);

    answer.set(Reply.ok("{\"ok\":true}"));
    awaitTrue(() -> a.http().get("/api/items/cold-" + key.incrementAndGet()).status() == 200, Duration.ofSeconds(5),
        "A calls the upstream again after the 2 s cooldown (a circuit opened by the 503 would refuse for 30 s)");
    report("A back after %d ms", (System.nanoTime() - sawIt) / 1_000_000);
    assertThat(upstreamState(ready(a))).isEqualTo("CLOSED");
  }

  private void cooldownIsFleetWide(Config c) {
    upstream.respond(r -> answer.get());
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    assertThat(a.http().get("/api/items/primed").xCache()).isEqualTo("MISS");
    assertThat(b.http().get("/api/items/primed").xCache()).isEqualTo("HIT");
    clock.advance(1_500); // the primed entry is stale on both (served only on upstream trouble)

    answer.set(Reply.status(429, "{\"slow\":\"down\"}").header("Retry-After", Integer.toString(RETRY_AFTER_S)));
    HttpResult first = a.http().get("/api/items/cold-0");
    long sawIt = System.nanoTime();
    assertJsonError(first, 503, "upstream_rate_limited");
    assertThat(retryAfter(first)).isBetween(1L, (long) RETRY_AFTER_S);
    assertThat(upstream.total()).isEqualTo(2);
    assertThat(upstreamState(ready(a))).isEqualTo("COOLDOWN");

    answer.set(Reply.ok("{\"ok\":\"again\"}")); // would answer now, but it asked for a pause
    // an instance that starts now learns of the cooldown from Redis too
    ProxyFixture late = startInstance(c);
    long lateSentMs = (System.nanoTime() - sawIt) / 1_000_000;
    HttpResult onLate = late.http().get("/api/items/cold-late");
    if (lateSentMs < RETRY_AFTER_S * 1000L - 1_000) {
      assertJsonError(onLate, 503, "upstream_rate_limited");
      assertThat(retryAfter(onLate)).isLessThanOrEqualTo(RETRY_AFTER_S);
      assertThat(upstream.total()).as("upstream requests after a new instance's first miss").isEqualTo(2);
    } else {
      report("the late instance took %d ms to start: too close to the end of the cooldown to check it", lateSentMs);
    }
    int expected = upstream.total();
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    int n = 0;
    while ((System.nanoTime() - sawIt) / 1_000_000 < RETRY_AFTER_S * 1000L - 800) {
      ProxyFixture p = n % 2 == 0 ? b : a;
      String name = p == a ? "A" : "B";
      HttpResult cold = p.http().get("/api/items/cold-" + key.incrementAndGet());
      assertJsonError(cold, 503, "upstream_rate_limited");
      assertThat(retryAfter(cold)).as("Retry-After on %s", name).isLessThanOrEqualTo(RETRY_AFTER_S);
      outcomes.merge(name + " 503", 1, Integer::sum);
      HttpResult stale = p.http().get("/api/items/primed");
      assertThat(stale.status()).as("%s", stale).isEqualTo(200);
      assertThat(stale.xCache()).isEqualTo("STALE");
      assertThat(stale.text()).isEqualTo("{\"ok\":true}");
      assertThat(stale.cacheStatus()).contains("detail=rate-limited");
      outcomes.merge(name + " STALE", 1, Integer::sum);
      n++;
      Blocking.sleep(100);
    }
    long quietMs = (System.nanoTime() - sawIt) / 1_000_000;
    report("during %d ms after the 429: %s; upstream total %d", quietMs, outcomes, upstream.total());
    assertThat(upstream.total()).as("upstream requests during the cooldown (after the 429)").isEqualTo(expected);
    JsonObject readyA = ready(a);
    assertThat(upstreamState(readyA)).isEqualTo("COOLDOWN");
    assertThat(readyA.getString("status")).isEqualTo("DEGRADED");
    assertThat(readyA.getInteger("httpStatus")).isEqualTo(200);
    report("B's /health/ready during the cooldown: %s", ready(b).getJsonObject("checks"));

    // afterwards the upstream is called again
    long back = awaitTrue(() -> a.http().get("/api/items/cold-" + key.incrementAndGet()).status() == 200,
        Duration.ofSeconds(RETRY_AFTER_S + 3), "a call after the cooldown");
    long afterMs = (System.nanoTime() - sawIt) / 1_000_000;
    report("first 200 after the 429: %d ms (Retry-After %d s)", afterMs, RETRY_AFTER_S);
    assertThat(afterMs).isGreaterThanOrEqualTo(RETRY_AFTER_S * 1000L - 1_000);
    assertThat(back).isGreaterThanOrEqualTo(0);
    awaitTrue(() -> b.http().get("/api/items/cold-" + key.incrementAndGet()).status() == 200,
        Duration.ofSeconds(3), "B calls again after the cooldown");
  }
}

package io.wplive.proxy.resilience;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.http.RetryAfter;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.upstream.UpstreamResponse;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

/**
 * Everything between the proxy and one upstream's wire, in order: the upstream's own cooldown,
 * the open circuit, then for every attempt (retries included) a token of the outbound budget, a
 * bulkhead slot and the breaker around the call. Retries are for idempotent methods only,
 * jittered, inside the call's deadline, never while the circuit is open and never after a 429.
 */
public final class UpstreamGuard {
  private final Vertx vertx;
  private final UpstreamOptions options;
  private final Clock clock;
  private final Breaker breaker;
  private final Cooldown cooldown;
  private final Runnable onThrottle;
  private final UpstreamBudget budget;
  private final Bulkhead bulkhead;

  /**
   * @param budget the outbound rate budget (shared or local)
   * @param onThrottle counts an upstream rate signal or a budget refusal ({@code wplp_upstream_throttled_total})
   */
  public UpstreamGuard(Vertx vertx, UpstreamOptions options, Clock clock, UpstreamBudget budget, Runnable onThrottle) {
    this.vertx = vertx;
    this.options = options;
    this.clock = clock;
    this.breaker = options.circuitBreaker().enabled() ? new Breaker(vertx, options.name(), options.circuitBreaker(), clock) : null;
    this.cooldown = new Cooldown(clock);
    this.onThrottle = onThrottle;
    this.budget = budget;
    this.bulkhead = new Bulkhead(vertx, options.name(), options.maxConcurrent(), options.queue());
  }

  /**
   * @param attempt one exchange given the ms left of the deadline
   * @return the answer (any status), or a {@link ProxyFailure}
   */
  public Future<UpstreamResponse> call(HttpMethod method, boolean background, LongFunction<Future<UpstreamResponse>> attempt) {
    if (cooldown.active()) {
      return Future.failedFuture(new ProxyFailure(ErrorCode.UPSTREAM_RATE_LIMITED,
          "upstream " + options.name() + " asked for a pause; retry later", cooldown.secondsLeft(), 0, "rate-limited"));
    }
    if (breaker != null && breaker.isOpen()) {
      // fail fast without spending a budget token on a call the breaker would refuse
      return Future.failedFuture(breaker.openFailure());
    }
    long deadline = clock.millis() + options.timeout().toMillis();
    return attempt(method, background, attempt, deadline, 0);
  }

  private Future<UpstreamResponse> attempt(HttpMethod method, boolean background, LongFunction<Future<UpstreamResponse>> attempt,
      long deadline, int n) {
    long left = deadline - clock.millis();
    if (left <= 0) {
      return Future.failedFuture(new ProxyFailure(ErrorCode.UPSTREAM_TIMEOUT,
          "upstream " + options.name() + " did not answer in time", 0, 0, "timeout"));
    }
    Future<UpstreamResponse> call = budget.take(options.name(), background).compose(take -> {
      if (take != null && !take.allowed()) {
        onThrottle.run();
        return Future.failedFuture(new ProxyFailure(ErrorCode.UPSTREAM_RATE_LIMITED,
            "upstream " + options.name() + " is at its rate budget; retry later", take.retryAfterSeconds(), 0, "rate-limited"));
      }
      long wait = deadline - clock.millis();
      return bulkhead.acquire(wait).compose(slot -> {
        long remaining = Math.max(1, deadline - clock.millis());
        Future<UpstreamResponse> f = breaker != null ? breaker.execute(() -> attempt.apply(remaining)) : attempt.apply(remaining);
        return f.andThen(ar -> bulkhead.release());
      });
    });
    return call.transform(ar -> {
      if (ar.succeeded()) {
        observeSignals(ar.result());
      }
      if (!shouldRetry(method, ar.succeeded() ? ar.result() : null, ar.cause(), n)) {
        return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
      }
      long backoff = jittered(options.retry().backoff().toMillis(), n);
      if (clock.millis() + backoff >= deadline) {
        return ar.succeeded() ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause());
      }
      Promise<Void> wait = Promise.promise();
      vertx.setTimer(Math.max(1, backoff), t -> wait.complete());
      return wait.future().compose(v -> attempt(method, background, attempt, deadline, n + 1));
    });
  }

  private boolean shouldRetry(HttpMethod method, UpstreamResponse resp, Throwable err, int n) {
    if (n >= options.retry().attempts() || !idempotent(method) || (breaker != null && breaker.isOpen()) || cooldown.active()) {
      return false;
    }
    if (resp != null) {
      int s = resp.status();
      return s == 502 || s == 503 && !resp.headers().contains("retry-after") || s == 504;
    }
    return err instanceof ProxyFailure pf && "connect_error".equals(pf.detail());
  }

  /** 429 / 503 + Retry-After / RateLimit-Remaining: 0 start a cooldown shared by every caller. */
  private void observeSignals(UpstreamResponse r) {
    long now = clock.millis();
    if (r.status() == 429 || (r.status() == 503 && r.headers().contains("retry-after"))) {
      long secs = RetryAfter.seconds(r.headers().get("retry-after"), now, 1);
      cooldown.start(secs);
      budget.announceCooldown(options.name(), secs * 1000);
      onThrottle.run();
      return;
    }
    String remaining = r.headers().get("ratelimit-remaining");
    if (remaining == null) {
      remaining = r.headers().get("x-ratelimit-remaining");
    }
    if ("0".equals(remaining == null ? null : remaining.trim())) {
      String reset = r.headers().get("ratelimit-reset");
      if (reset == null) {
        reset = r.headers().get("x-ratelimit-reset");
      }
      long secs = resetSeconds(reset, now);
      if (secs > 0) {
        cooldown.start(secs);
        budget.announceCooldown(options.name(), secs * 1000);
        onThrottle.run();
      }
    }
  }

  /** RateLimit-Reset is delta-seconds; X-RateLimit-Reset is often an epoch timestamp. */
  static long resetSeconds(String reset, long now) {
    if (reset == null || !reset.trim().matches("\\d{1,12}")) {
      return 0;
    }
    long v = Long.parseLong(reset.trim());
    if (v > 1_000_000_000L) {
      v = v - now / 1000; // an epoch timestamp in seconds
    }
    return Math.max(0, Math.min(RetryAfter.MAX_SECONDS, v));
  }

  static boolean idempotent(HttpMethod m) {
    return m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.PUT || m == HttpMethod.DELETE
        || m == HttpMethod.OPTIONS;
  }

  private static long jittered(long base, int n) {
    long exp = base * (1L << Math.min(n, 6));
    return (long) (exp * (0.5 + ThreadLocalRandom.current().nextDouble()));
  }

  /** CLOSED, OPEN, HALF_OPEN, or COOLDOWN while the upstream asked for a pause. */
  public String state() {
    if (cooldown.active()) {
      return "COOLDOWN";
    }
    return breaker == null ? "CLOSED" : breaker.state();
  }

  public int circuitStateCode() {
    return breaker == null ? 0 : breaker.stateCode();
  }

  public Cooldown cooldown() {
    return cooldown;
  }

  public Bulkhead bulkhead() {
    return bulkhead;
  }

  public void close() {
    if (breaker != null) {
      breaker.close();
    }
  }
}

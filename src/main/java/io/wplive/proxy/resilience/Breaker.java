package io.wplive.proxy.resilience;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.wplive.proxy.config.BreakerOptions;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.upstream.UpstreamResponse;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one upstream (vertx-circuit-breaker). Failures are connect errors,
 * deadlines, 5xx answers (but not a 503 with Retry-After: that is a rate signal, handled as a
 * cooldown) and calls slower than {@code slowCall}. While open, calls fail at once with
 * {@code upstream_unavailable} and a Retry-After of the time left until the half-open probe.
 */
public final class Breaker {
  private static final Logger LOG = LoggerFactory.getLogger(Breaker.class);

  private final String upstream;
  private final CircuitBreaker breaker;
  private final Clock clock;
  private final long openForMs;
  private final long slowCallMs;
  private volatile long openedAt;

  public Breaker(Vertx vertx, String upstream, BreakerOptions options, Clock clock) {
    this.upstream = upstream;
    this.clock = clock;
    this.openForMs = options.openFor().toMillis();
    this.slowCallMs = options.slowCall().toMillis();
    this.breaker = CircuitBreaker.create("upstream-" + upstream, vertx, new CircuitBreakerOptions()
            .setMaxFailures(options.failureThreshold())
            .setFailuresRollingWindow(options.window().toMillis())
            .setResetTimeout(openForMs)
            .setTimeout(-1) // the upstream client enforces the deadline and resets the request
            .setMaxRetries(0)
            .setFallbackOnFailure(false))
        .openHandler(v -> {
          openedAt = clock.millis();
          LOG.warn("circuit of upstream {} OPEN for {} ms", upstream, openForMs);
        })
        .halfOpenHandler(v -> LOG.info("circuit of upstream {} HALF_OPEN: one probe goes through", upstream))
        .closeHandler(v -> LOG.info("circuit of upstream {} CLOSED", upstream));
    breaker.<UpstreamResponse>failurePolicy(ar -> {
      if (ar.failed()) {
        return !(ar.cause() instanceof ProxyFailure pf) || !"rejected".equals(pf.detail());
      }
      UpstreamResponse r = ar.result();
      boolean serverError = r.status() >= 500 && !(r.status() == 503 && r.headers().contains("retry-after"));
      return serverError || (slowCallMs > 0 && r.durationMs() > slowCallMs);
    });
  }

  /** Runs {@code call} through the breaker; fails fast with a {@link ProxyFailure} while open. */
  public Future<UpstreamResponse> execute(Supplier<Future<UpstreamResponse>> call) {
    // the breaker fails the call when the policy counts an answer (a 5xx) as a failure; keep the
    // answer so the caller can still relay it or serve stale
    java.util.concurrent.atomic.AtomicReference<UpstreamResponse> answer = new java.util.concurrent.atomic.AtomicReference<>();
    return breaker.execute(() -> call.get().andThen(ar -> {
      if (ar.succeeded()) {
        answer.set(ar.result());
      }
    })).recover(err -> {
      if (answer.get() != null) {
        return Future.succeededFuture(answer.get());
      }
      if (err instanceof OpenCircuitException) {
        return Future.failedFuture(openFailure());
      }
      return Future.failedFuture(err);
    });
  }

  /** The failure a call gets while the circuit is open. */
  public ProxyFailure openFailure() {
    return new ProxyFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
        "upstream " + upstream + " is failing; its circuit is open", retryAfterSeconds(), 0, "circuit-open");
  }

  /** Seconds until the half-open probe, at least 1. */
  public long retryAfterSeconds() {
    long left = openedAt + openForMs - clock.millis();
    return Math.max(1, (left + 999) / 1000);
  }

  public boolean isOpen() {
    return breaker.state() == CircuitBreakerState.OPEN;
  }

  /** CLOSED, OPEN or HALF_OPEN. */
  public String state() {
    return breaker.state().name();
  }

  /** For {@code wplp_circuit_state}: 0 closed, 1 open, 2 half-open. */
  public int stateCode() {
    return switch (breaker.state()) {
      case OPEN -> 1;
      case HALF_OPEN -> 2;
      default -> 0;
    };
  }

  public void close() {
    breaker.close();
  }
}

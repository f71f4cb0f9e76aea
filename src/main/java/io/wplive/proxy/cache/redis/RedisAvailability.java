package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a Redis answers. One command that cannot reach Redis is enough to turn DOWN; one that
 * only timed out turns DOWN if a PING right after it times out or fails too (a large value or a
 * burst that queued in the pool is not an outage, and flapping to DEGRADED would tell load
 * balancers otherwise). While DOWN the tier sends nothing but probes, so requests do not queue
 * behind a dead server. Probes run with exponential backoff ({@link Backoff}); the first one that
 * succeeds turns the state UP again.
 */
final class RedisAvailability {
  private static final Logger log = LoggerFactory.getLogger(RedisAvailability.class);

  private final Vertx vertx;
  private final String name;
  private final Supplier<Future<?>> probe;
  private final AtomicBoolean up = new AtomicBoolean(true);
  /** Bumped on every UP → DOWN change, so at most one probe loop runs: older loops see a newer epoch and stop. */
  private final AtomicLong downEpoch = new AtomicLong();
  private final Backoff backoff = new Backoff();
  private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong timerId = new AtomicLong(-1);
  private final AtomicBoolean confirming = new AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param name what the log lines call this Redis
   * @param probe one cheap round trip (PING) whose success means Redis serves again
   */
  RedisAvailability(Vertx vertx, String name, Supplier<Future<?>> probe) {
    this.vertx = vertx;
    this.name = name;
    this.probe = probe;
  }

  boolean isUp() {
    return up.get();
  }

  /** {@code listener} gets {@code true} when Redis comes back and {@code false} when it goes away. */
  void addListener(Consumer<Boolean> listener) {
    listeners.add(listener);
  }

  void markUp() {
    if (up.compareAndSet(false, true)) {
      backoff.reset();
      log.info("{} is reachable again", name);
      notifyListeners(true);
    }
  }

  void markDown(Throwable cause) {
    if (closed || !up.compareAndSet(true, false)) {
      return;
    }
    long epoch = downEpoch.incrementAndGet();
    log.warn("{} is unavailable, serving without it until it answers again: {}", name, String.valueOf(cause));
    notifyListeners(false);
    scheduleProbe(epoch);
  }

  /** A command outlived its deadline: DOWN only if a probe sent now does not answer either. */
  void suspect(Throwable cause) {
    if (closed || !up.get() || !confirming.compareAndSet(false, true)) {
      return; // already DOWN, or a probe is already deciding
    }
    probe.get().onComplete(ar -> {
      confirming.set(false);
      if (ar.failed()) {
        markDown(cause);
      }
    });
  }

  void close() {
    closed = true;
    vertx.cancelTimer(timerId.get());
  }

  private void scheduleProbe(long epoch) {
    if (closed) {
      return;
    }
    timerId.set(vertx.setTimer(backoff.nextDelayMs(), id -> probeOnce(epoch)));
  }

  private void probeOnce(long epoch) {
    if (closed || up.get() || epoch != downEpoch.get()) {
      return;
    }
    probe.get().onComplete(ar -> {
      if (ar.succeeded()) {
        markUp();
      } else if (!up.get() && epoch == downEpoch.get()) {
        scheduleProbe(epoch);
      }
    });
  }

  private void notifyListeners(boolean nowUp) {
    for (Consumer<Boolean> l : listeners) {
      try {
        l.accept(nowUp);
      } catch (RuntimeException e) {
        log.warn("Redis availability listener failed", e);
      }
    }
  }
}

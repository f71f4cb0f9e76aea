package io.wplive.proxy.resilience;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import java.util.ArrayDeque;

/**
 * At most {@code maxConcurrent} calls in flight to one upstream, at most {@code queue} more
 * waiting (each no longer than its deadline); beyond that a call is refused at once, so a slow
 * upstream cannot tie up every connection and event-loop callback of the proxy.
 */
public final class Bulkhead {
  private final Vertx vertx;
  private final String upstream;
  private final int max;
  private final int queueMax;
  private final ArrayDeque<Promise<Void>> waiting = new ArrayDeque<>();
  private int active;

  public Bulkhead(Vertx vertx, String upstream, int max, int queueMax) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.max = max;
    this.queueMax = queueMax;
  }

  /** A slot, now or within {@code waitMs}; call {@link #release()} exactly once after the call. */
  public Future<Void> acquire(long waitMs) {
    Promise<Void> p;
    synchronized (this) {
      if (active < max) {
        active++;
        return Future.succeededFuture();
      }
      if (waiting.size() >= queueMax || waitMs <= 0) {
        return Future.failedFuture(full());
      }
      p = Promise.promise();
      waiting.add(p);
    }
    long timer = vertx.setTimer(waitMs, t -> {
      boolean removed;
      synchronized (this) {
        removed = waiting.remove(p);
      }
      if (removed) {
        p.tryFail(full());
      }
    });
    return p.future().andThen(ar -> vertx.cancelTimer(timer));
  }

  public void release() {
    Promise<Void> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        active--;
        return;
      }
      // the slot passes straight to the next waiter: active stays the same
    }
    next.tryComplete();
  }

  public synchronized int active() {
    return active;
  }

  public synchronized int queued() {
    return waiting.size();
  }

  private ProxyFailure full() {
    return new ProxyFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
        "upstream " + upstream + " has " + max + " calls in flight and a full queue", 1, 0, "rejected");
  }
}

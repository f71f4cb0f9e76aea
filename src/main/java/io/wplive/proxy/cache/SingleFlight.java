package io.wplive.proxy.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-key single flight: while one fetch for a key runs, everyone else who needs that key joins
 * it instead of calling the upstream again. Shared by every event loop of the process.
 */
public final class SingleFlight<T> {
  private final ConcurrentHashMap<String, Future<T>> inFlight = new ConcurrentHashMap<>();

  /** The shared result, and whether this caller started the work. */
  public record Joined<T>(Future<T> result, boolean leader) {
  }

  public Joined<T> join(String key, Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    Future<T> existing = inFlight.putIfAbsent(key, promise.future());
    if (existing != null) {
      return new Joined<>(existing, false);
    }
    Future<T> started;
    try {
      started = work.get();
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    started.onComplete(ar -> {
      inFlight.remove(key, promise.future());
      promise.handle(ar);
    });
    return new Joined<>(promise.future(), true);
  }

  public boolean running(String key) {
    return inFlight.containsKey(key);
  }

  public int size() {
    return inFlight.size();
  }
}

package io.wplive.proxy.cache.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends the lookups that one event loop makes in one turn as a single {@code MGET}, and lookups of
 * the same key in that turn share one answer.
 *
 * <p>Why: a command costs a socket write on each side and a trip through the client's pool and
 * parser; with one command per request those costs, not the lookup, set how many Redis hits per
 * second one core can answer. A turn is everything the event loop does between two polls of its
 * sockets: the batch is sent by a task queued at its first lookup, which the loop runs right after
 * the requests that arrived together, so no lookup waits for a timer.
 *
 * <p>Lookups made off an event loop go out one by one as GETs, as do batches of one key and every
 * lookup on a Redis Cluster. At most
 * {@link #MAX_KEYS} keys share a command, so no reply grows without bound.
 */
final class LookupBatcher<T> {
  /** Keys per MGET: ~64 entries of a few KB is a reply of a few hundred KB at most. */
  static final int MAX_KEYS = 64;

  /** What a finished lookup is turned into: {@code value} is the stored bytes, {@code null} when absent. */
  interface Resolver<T> {
    /** @param lookups how many callers asked for this key in the batch (for counting) */
    T resolve(String key, Response value, int lookups);

    /** The answer every caller of a failed command gets (the command's error is already handled by the sender). */
    T failed(Throwable cause, int lookups);
  }

  private final FastThreadLocal<Batch<T>> open = new FastThreadLocal<>();
  private final Function<String, String> redisKeyOf;
  private final Function<Request, Future<Response>> send;
  private final boolean oneByOne;
  private final Resolver<T> resolver;

  /**
   * @param redisKeyOf the Redis key a lookup key is stored under
   * @param send sends one command (with its deadline); its failures are the sender's to report
   * @param oneByOne send every lookup as its own GET (a Cluster, where one MGET cannot span slots)
   */
  LookupBatcher(Function<String, String> redisKeyOf, Function<Request, Future<Response>> send, boolean oneByOne,
      Resolver<T> resolver) {
    this.redisKeyOf = redisKeyOf;
    this.send = send;
    this.oneByOne = oneByOne;
    this.resolver = resolver;
  }

  /** The resolved value for {@code key}; never fails. */
  Future<T> get(String key) {
    Context context = Vertx.currentContext();
    if (oneByOne || context == null || !Context.isOnEventLoopThread()) {
      return single(key);
    }
    Batch<T> batch = open.get();
    if (batch == null || batch.full()) {
      batch = new Batch<>();
      open.set(batch);
      Batch<T> toSend = batch;
      context.runOnContext(v -> flush(toSend));
    }
    return batch.add(key);
  }

  private Future<T> single(String key) {
    return send.apply(Request.cmd(Command.GET).arg(redisKeyOf.apply(key)))
        .transform(ar -> Future.succeededFuture(ar.succeeded()
            ? resolver.resolve(key, ar.result(), 1)
            : resolver.failed(ar.cause(), 1)));
  }

  private void flush(Batch<T> batch) {
    if (open.get() == batch) {
      open.remove();
    }
    List<Waiter<T>> waiters = batch.waiters;
    if (waiters.size() == 1) {
      Waiter<T> only = waiters.get(0);
      send.apply(Request.cmd(Command.GET).arg(redisKeyOf.apply(only.key)))
          .onComplete(ar -> only.complete(ar.succeeded()
              ? resolver.resolve(only.key, ar.result(), only.lookups)
              : resolver.failed(ar.cause(), only.lookups)));
      return;
    }
    Request mget = Request.cmd(Command.MGET);
    for (Waiter<T> w : waiters) {
      mget.arg(redisKeyOf.apply(w.key));
    }
    send.apply(mget).onComplete(ar -> {
      Response values = ar.succeeded() ? ar.result() : null;
      if (values != null && values.size() == waiters.size()) {
        for (int i = 0; i < waiters.size(); i++) {
          Waiter<T> w = waiters.get(i);
          w.complete(resolver.resolve(w.key, values.get(i), w.lookups));
        }
        return;
      }
      Throwable cause = ar.failed() ? ar.cause() : new IllegalStateException(
          "MGET of " + waiters.size() + " keys answered " + (values == null ? "nil" : values.size() + " values"));
      for (Waiter<T> w : waiters) {
        w.complete(resolver.failed(cause, w.lookups));
      }
    });
  }

  /** The lookups of one turn, in the order they were made; touched only by its event loop. */
  private static final class Batch<T> {
    final List<Waiter<T>> waiters = new ArrayList<>();
    final Map<String, Waiter<T>> byKey = new HashMap<>();

    boolean full() {
      return waiters.size() >= MAX_KEYS;
    }

    Future<T> add(String key) {
      Waiter<T> w = byKey.get(key);
      if (w == null) {
        w = new Waiter<>(key);
        byKey.put(key, w);
        waiters.add(w);
      }
      w.lookups++;
      return w.promise.future();
    }
  }

  private static final class Waiter<T> {
    final String key;
    final Promise<T> promise = Promise.promise();
    int lookups;

    Waiter(String key) {
      this.key = key;
    }

    void complete(T value) {
      promise.complete(value);
    }
  }
}

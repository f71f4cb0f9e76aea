package io.wplive.proxy.cache.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Each caller is answered on its own context, as if its own command had answered: its
 * continuation sees its own request's context, and an exception it throws is reported there
 * without keeping the other callers of the batch from their answers.
 *
 * <p>Lookups made off an event loop go out one by one as GETs, as do batches of one key and every
 * lookup on a Redis Cluster. At most {@link #MAX_KEYS} keys share a command; its deadline is the
 * same as one GET's, and a reply of many large entries that outlives it is a miss for every caller
 * in the batch.
 */
final class LookupBatcher<T> {
  private static final Logger log = LoggerFactory.getLogger(LookupBatcher.class);

  /** Keys per MGET: entries of a few KB make a reply of a few hundred KB at most. */
  static final int MAX_KEYS = 64;

  /** What a finished lookup is turned into: {@code value} is the stored bytes, {@code null} when absent. */
  interface Resolver<T> {
    /** @param lookups how many callers asked for this key in the batch (for counting) */
    T resolve(String key, Response value, int lookups);

    /** The answer every caller of a failed command gets (the command's error is already handled by the sender). */
    T failed(Throwable cause, int lookups);
  }

  private final FastThreadLocal<Batch> open = new FastThreadLocal<>();
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
    if (oneByOne || !(context instanceof ContextInternal caller) || !Context.isOnEventLoopThread()) {
      return single(key);
    }
    Batch batch = open.get();
    if (batch == null || batch.full()) {
      Batch next = new Batch();
      try {
        context.runOnContext(v -> flush(next));
      } catch (RuntimeException loopShuttingDown) {
        return single(key); // the loop takes no more tasks: nothing would ever send this batch
      }
      open.set(next);
      batch = next;
    }
    return batch.add(key, caller);
  }

  private Future<T> single(String key) {
    return send.apply(Request.cmd(Command.GET).arg(redisKeyOf.apply(key)))
        .transform(ar -> Future.succeededFuture(ar.succeeded()
            ? resolver.resolve(key, ar.result(), 1)
            : resolver.failed(ar.cause(), 1)));
  }

  private void flush(Batch batch) {
    if (open.get() == batch) {
      open.remove();
    }
    List<Waiter<T>> waiters = batch.waiters;
    try {
      boolean one = waiters.size() == 1;
      Request request = Request.cmd(one ? Command.GET : Command.MGET);
      for (Waiter<T> w : waiters) {
        request.arg(redisKeyOf.apply(w.key));
      }
      send.apply(request).onComplete(ar -> {
        Response reply = ar.succeeded() ? ar.result() : null;
        if (ar.succeeded() && (one || (reply != null && reply.size() == waiters.size()))) {
          for (int i = 0; i < waiters.size(); i++) {
            waiters.get(i).resolve(one ? reply : reply.get(i));
          }
          return;
        }
        Throwable cause = ar.failed() ? ar.cause() : new IllegalStateException(
            "MGET of " + waiters.size() + " keys answered " + (reply == null ? "nil" : reply.size() + " values"));
        waiters.forEach(w -> w.fail(cause));
      });
    } catch (RuntimeException e) {
      waiters.forEach(w -> w.fail(e));
    }
  }

  /** The lookups of one turn, in the order they were made; touched only by its event loop. */
  private final class Batch {
    final List<Waiter<T>> waiters = new ArrayList<>();
    final Map<String, Waiter<T>> byKey = new HashMap<>();

    boolean full() {
      return waiters.size() >= MAX_KEYS;
    }

    Future<T> add(String key, ContextInternal caller) {
      Waiter<T> w = byKey.get(key);
      if (w == null) {
        w = new Waiter<>(key, resolver);
        byKey.put(key, w);
        waiters.add(w);
      }
      return w.add(caller);
    }
  }

  /** Everyone in a batch who asked for one key. */
  private static final class Waiter<T> {
    final String key;
    private final Resolver<T> resolver;
    private final List<ContextInternal> contexts = new ArrayList<>(1);
    private final List<Promise<T>> promises = new ArrayList<>(1);

    Waiter(String key, Resolver<T> resolver) {
      this.key = key;
      this.resolver = resolver;
    }

    Future<T> add(ContextInternal caller) {
      Promise<T> p = Promise.promise();
      contexts.add(caller);
      promises.add(p);
      return p.future();
    }

    void resolve(Response value) {
      T answer;
      try {
        answer = resolver.resolve(key, value, promises.size());
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      answerAll(answer);
    }

    void fail(Throwable cause) {
      T answer;
      try {
        answer = resolver.failed(cause, promises.size());
      } catch (RuntimeException e) {
        log.warn("Redis lookup of {} could not be answered, treated as a miss", key, e);
        answer = null;
      }
      answerAll(answer);
    }

    /**
     * Each caller on its own context ({@code emit} runs it right here when that context is on this
     * thread, and reports what it throws instead of passing it on).
     */
    private void answerAll(T answer) {
      for (int i = 0; i < promises.size(); i++) {
        contexts.get(i).emit(answer, promises.get(i)::tryComplete);
      }
    }
  }
}

package io.wplive.proxy.cache.redis;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.wplive.proxy.config.RedisTierOptions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges announced to every proxy instance over the Redis pub/sub channel
 * {@code <keyPrefix>invalidate}, so each can drop its memory copies.
 *
 * <p>Each bus subscribes on a dedicated connection (a pooled one cannot SUBSCRIBE) and hands every
 * message on the channel to the listener, its own included: an instance that publishes a purge
 * learns about it the same way as the others. When the connection is lost the bus resubscribes
 * with backoff (250 ms to 5 s); messages published meanwhile are lost, which
 * {@link #onSubscriptionChange} lets the owner react to.
 *
 * <p>The bus has its own small client, so pub/sub never competes with cache lookups for pooled
 * connections.
 */
public final class InvalidationBus {
  private static final Logger log = LoggerFactory.getLogger(InvalidationBus.class);

  /** Pub/sub needs one dedicated connection per master plus a few for PUBLISH. */
  private static final int POOL_SIZE = 4;
  private static final int POOL_WAITING = 256;

  private final Vertx vertx;
  private final Redis redis;
  private final String channel;
  private final long commandTimeoutMs;
  /** Connecting and confirming SUBSCRIBE may take a TCP connect plus a round trip. */
  private final long subscribeTimeoutMs;
  private final Consumer<Invalidation> listener;
  private final String instanceId = UUID.randomUUID().toString();
  private final AtomicReference<RedisConnection> subscription = new AtomicReference<>();
  private final List<Consumer<Boolean>> subscriptionListeners = new CopyOnWriteArrayList<>();
  private final Backoff backoff = new Backoff();
  private final AtomicLong retryTimer = new AtomicLong(-1);
  private volatile boolean subscribed;
  private volatile boolean closed;

  /**
   * @param listener called for every message on the channel, on an event loop; keep it quick
   */
  public InvalidationBus(Vertx vertx, RedisTierOptions options, Consumer<Invalidation> listener) {
    this.vertx = vertx;
    this.redis = Redis.createClient(vertx, new RedisOptions(RedisOptionsFactory.create(options))
        .setMaxPoolSize(POOL_SIZE)
        .setMaxPoolWaiting(POOL_WAITING));
    this.channel = new RedisKeys(options.keyPrefix()).invalidationChannel();
    this.commandTimeoutMs = options.commandTimeout().toMillis();
    this.subscribeTimeoutMs = RedisOptionsFactory.CONNECT_TIMEOUT_MS + 4 * commandTimeoutMs;
    this.listener = listener;
  }

  /**
   * Subscribes. Completes when Redis confirmed the subscription; fails when that did not happen
   * now, in which case the bus keeps trying in the background (a proxy starts without Redis).
   */
  public Future<Void> start() {
    return subscribeOnce().onFailure(err -> {
      log.warn("Invalidation channel not subscribed yet, retrying: {}", err.toString());
      retryUnlessSubscribed();
    });
  }

  /**
   * Publishes {@code msg}, stamped with {@link #instanceId()}. Fails when Redis did not take it
   * within {@code commandTimeout}: then no instance, this one included, will hear of it, so the
   * caller should apply it locally.
   */
  public Future<Void> publish(Invalidation msg) {
    String text = msg.withOrigin(instanceId).toJson().encode();
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(text))
        .timeout(commandTimeoutMs, TimeUnit.MILLISECONDS)
        .mapEmpty();
  }

  /** Whether messages are being received right now. */
  public boolean subscribed() {
    return subscribed;
  }

  /**
   * {@code listener} gets {@code false} when the subscription is lost and {@code true} when it is
   * back. Messages published in between were missed, so on {@code true} an owner may want to
   * drop memory copies it can no longer vouch for.
   */
  public void onSubscriptionChange(Consumer<Boolean> listener) {
    subscriptionListeners.add(listener);
  }

  /** Identifies this bus in {@link Invalidation#origin()}. */
  public String instanceId() {
    return instanceId;
  }

  public String channel() {
    return channel;
  }

  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(retryTimer.get());
    RedisConnection conn = subscription.getAndSet(null);
    setSubscribed(false);
    Future<Void> closing = conn == null ? Future.succeededFuture() : conn.close();
    return closing.transform(ar -> redis.close());
  }

  private Future<Void> subscribeOnce() {
    if (closed) {
      return Future.failedFuture("closed");
    }
    Promise<Void> confirmed = Promise.promise();
    return redis.connect().compose(conn -> {
      // Handlers first: the confirmation may arrive before send() completes.
      conn.handler(reply -> onReply(reply, confirmed));
      conn.endHandler(v -> lost(conn, "connection closed"));
      conn.exceptionHandler(err -> lost(conn, err.toString()));
      if (closed) {
        conn.close();
        return Future.failedFuture("closed");
      }
      if (!subscription.compareAndSet(null, conn)) {
        // Another attempt (a retry racing start()) got there first and owns the subscription.
        conn.close();
        return Future.succeededFuture();
      }
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
          .compose(sent -> confirmed.future())
          .timeout(subscribeTimeoutMs, TimeUnit.MILLISECONDS)
          .onFailure(err -> {
            if (subscription.compareAndSet(conn, null)) {
              conn.close();
            }
          });
    }).onSuccess(v -> {
      backoff.reset();
      setSubscribed(true);
    });
  }

  private void onReply(Response reply, Promise<Void> confirmed) {
    if (reply == null || (reply.type() != ResponseType.MULTI && reply.type() != ResponseType.PUSH) || reply.size() < 3) {
      return;
    }
    String kind = reply.get(0).toString();
    if ("subscribe".equals(kind)) {
      confirmed.tryComplete();
    } else if ("message".equals(kind) && channel.equals(reply.get(1).toString())) {
      deliver(reply.get(2).toString());
    }
  }

  private void deliver(String text) {
    Invalidation msg = Invalidation.fromJson(text);
    if (msg == null) {
      log.warn("Ignored a message on {} that is not an invalidation", channel);
      return;
    }
    try {
      listener.accept(msg);
    } catch (RuntimeException e) {
      log.warn("Invalidation listener failed on {}", msg, e);
    }
  }

  /** Runs at most once per connection: the first of end / exception wins. */
  private void lost(RedisConnection conn, String why) {
    if (!subscription.compareAndSet(conn, null)) {
      return;
    }
    conn.close();
    setSubscribed(false);
    if (!closed) {
      log.warn("Invalidation channel subscription lost ({}), resubscribing", why);
      retryLater();
    }
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    retryTimer.set(vertx.setTimer(backoff.nextDelayMs(), id -> subscribeOnce().onFailure(err -> retryUnlessSubscribed())));
  }

  private void retryUnlessSubscribed() {
    if (subscription.get() == null) {
      retryLater();
    }
  }

  private synchronized void setSubscribed(boolean now) {
    if (subscribed == now) {
      return;
    }
    subscribed = now;
    for (Consumer<Boolean> l : subscriptionListeners) {
      try {
        l.accept(now);
      } catch (RuntimeException e) {
        log.warn("Subscription listener failed", e);
      }
    }
  }
}

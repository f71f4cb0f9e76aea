package io.wplive.proxy.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client connection limits (SPEC §3 {@code server}): at most {@code maxConnections} at once, and
 * a client that has not sent a whole request within {@code requestTimeout} (the body of the
 * current request, or the next request on a kept-alive connection) is cut off, so a slowloris
 * holds no slot for long. One sweep a second checks every connection: the request path pays two
 * field writes, no timer.
 *
 * <p>Vert.x 5 announces an HTTP/1.x connection only when its first request's headers are in, so
 * until then a connection is bounded by {@code idleTimeout} (any gap between bytes) alone.
 */
final class ConnectionGuard implements Handler<HttpConnection> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  /** What one connection is doing, as far as the guard cares. */
  static final class State {
    volatile long since;
    volatile HttpServerRequest current; // null until the first request's headers are in
  }

  private final Map<HttpConnection, State> connections = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final long requestTimeoutNanos;

  /** @param max 0 = unlimited; @param requestTimeoutMs 0 = off */
  ConnectionGuard(Vertx vertx, int max, long requestTimeoutMs) {
    this.max = max;
    this.requestTimeoutNanos = requestTimeoutMs * 1_000_000L;
    if (requestTimeoutMs > 0) {
      vertx.setPeriodic(Math.min(1000, Math.max(100, requestTimeoutMs / 4)), t -> sweep());
    }
  }

  @Override
  public void handle(HttpConnection conn) {
    if (max > 0 && open.incrementAndGet() > max) {
      open.decrementAndGet();
      LOG.warn("connection from {} refused: maxConnections {} reached", conn.remoteAddress(), max);
      conn.close();
      return;
    }
    if (max <= 0) {
      open.incrementAndGet();
    }
    State s = new State();
    s.since = System.nanoTime();
    connections.put(conn, s);
    conn.closeHandler(v -> {
      connections.remove(conn);
      open.decrementAndGet();
    });
  }

  /** Called for every request once its headers are in. */
  void onRequest(HttpServerRequest req) {
    State s = connections.get(req.connection());
    if (s != null) {
      s.current = req;
      s.since = System.nanoTime();
    }
  }

  int openConnections() {
    return open.get();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (Map.Entry<HttpConnection, State> e : connections.entrySet()) {
      State s = e.getValue();
      HttpServerRequest req = s.current;
      boolean waitingForFirstRequest = req == null;
      boolean bodyIncomplete = req != null && !req.isEnded();
      if ((waitingForFirstRequest || bodyIncomplete) && now - s.since > requestTimeoutNanos) {
        LOG.info("connection from {} closed: no whole request within the request timeout", e.getKey().remoteAddress());
        e.getKey().close();
      }
    }
  }
}

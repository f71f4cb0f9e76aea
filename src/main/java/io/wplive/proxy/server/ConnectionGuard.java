package io.wplive.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client connection limits (SPEC §3 {@code server}): at most {@code maxConnections} at once, and
 * a client that has not sent a whole request within {@code requestTimeout} of starting it is cut
 * off, so a slowloris holds no slot for long. It also refuses request heads that cannot be framed
 * safely ({@link RequestFraming}, {@link FramingDecoder}).
 *
 * <p>How a request is timed. Vert.x tells a handler only when a request's head has been parsed,
 * never when its first byte came, so two small Netty handlers sit around Vert.x's HTTP decoder of
 * every connection (Vert.x announces an HTTP/1.x connection as soon as it is accepted, since
 * cleartext HTTP/2 is off):
 * <ul>
 *   <li>{@link FirstByte}, before the decoder, sees the raw bytes: the first bytes after a whole
 *       request start the clock for the next one;</li>
 *   <li>{@link RequestEnd}, after it, sees the decoded request: its last part stops the clock.</li>
 * </ul>
 * A connection is timed from its accept until its first request is whole, then again from the
 * first byte of each later request until that one is whole. An idle kept-alive connection (no
 * bytes since its last whole request) is not timed: {@code idleTimeout} governs it. One sweep a
 * second closes the connections whose clock has run longer than {@code requestTimeout}. A request
 * pays a look at the first bytes of its first read, a few field writes and one pass over its
 * header lines ({@link RequestFraming}): no timer and no map lookup.
 *
 * <p>{@link RequestEnd} also applies {@link RequestFraming}: a refused head is marked undecodable,
 * so Vert.x hands it to {@link InvalidRequests} (400) and closes the connection after that answer,
 * and nothing the decoder makes of the bytes behind it reaches Vert.x. {@link FirstByte} notes
 * whether a request began with {@code HEAD }, for the one case where the decoder loses the method
 * (a request line it cannot read).
 *
 * <p>Two limits of this: bytes of a next request that arrive in the same read as the end of the
 * previous one do not start the clock (the decoder holds them and says nothing), so such a request
 * is timed from its next read, and until then {@code idleTimeout} bounds it. And while Vert.x
 * itself has stopped reading (back-pressure, or a pipelined request waiting for the answer before
 * it), the clock restarts: the client is not the one holding the request back.
 */
final class ConnectionGuard implements Handler<HttpConnection> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final String DECODER = "httpDecoder"; // the name Vert.x gives its HTTP/1.x request decoder

  /** What one connection is doing, as far as the guard cares. Written on its event loop, read by the sweep. */
  static final class State {
    final HttpConnection conn;
    final Channel channel; // null when it could not be reached: then the connection is not timed
    volatile long since;
    volatile boolean receiving; // a request (or the first one) has started and is not whole yet
    // event loop only: the current request's first bytes have been read, and whether they began with "HEAD "
    boolean started;
    boolean head;

    State(HttpConnection conn, Channel channel) {
      this.conn = conn;
      this.channel = channel;
    }
  }

  private final Map<HttpConnection, State> connections = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final int max;
  private final long requestTimeoutNanos;
  private final HttpServerOptions decoderOptions;
  private volatile boolean warnedAboutDecoder;

  /**
   * @param max 0 = unlimited; @param requestTimeoutMs 0 = off
   * @param decoderOptions the listeners' server options, for the request decoder ({@link FramingDecoder})
   */
  ConnectionGuard(Vertx vertx, int max, long requestTimeoutMs, HttpServerOptions decoderOptions) {
    this.max = max;
    this.decoderOptions = decoderOptions;
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
    Channel ch = channelOf(conn);
    State s = new State(conn, ch);
    s.since = System.nanoTime();
    s.receiving = ch != null; // the first request is timed from the accept
    if (ch != null) {
      // per connection (they hold its state), never per request; nothing has been decoded yet
      replaceDecoder(ch);
      ch.pipeline().addBefore(DECODER, "wplpFirstByte", new FirstByte(s));
      ch.pipeline().addAfter(DECODER, "wplpRequestEnd", new RequestEnd(s));
    }
    connections.put(conn, s);
    conn.closeHandler(v -> {
      connections.remove(conn);
      open.decrementAndGet();
    });
  }

  /**
   * Puts {@link FramingDecoder} in place of exactly the decoder it extends. Another decoder (a
   * Vert.x version that builds a different one) is left alone: requests are still timed and
   * checked, only Content-Length with Transfer-Encoding is not refused, and a warning says so once.
   */
  private void replaceDecoder(Channel ch) {
    if (ch.pipeline().get(DECODER).getClass() == VertxHttpRequestDecoder.class) {
      ch.pipeline().replace(DECODER, DECODER, new FramingDecoder(decoderOptions));
    } else if (!warnedAboutDecoder) {
      warnedAboutDecoder = true;
      LOG.warn("the HTTP decoder is a {}, not the one expected: requests with both Content-Length and Transfer-Encoding "
          + "are read as chunked and their connection is not closed", ch.pipeline().get(DECODER).getClass().getName());
    }
  }

  /**
   * The Netty channel under Vert.x's HTTP/1.x connection, or null when the connection is not the
   * kind expected (it is then neither timed nor checked, and a warning says so).
   */
  private static Channel channelOf(HttpConnection conn) {
    if (conn instanceof ConnectionBase) {
      Channel ch = ((ConnectionBase) conn).channel();
      if (ch.pipeline().get(DECODER) != null) {
        return ch;
      }
    }
    LOG.warn("connection from {} ({}) has no {} handler: its requests are neither timed nor checked",
        conn.remoteAddress(), conn.getClass().getName(), DECODER);
    return null;
  }

  /**
   * Whether the request being read on {@code conn} began with {@code HEAD }: for answering a request
   * whose request line the decoder could not read, so it does not know the method. Event loop only.
   */
  boolean startedAsHead(HttpConnection conn) {
    State s = connections.get(conn);
    return s != null && s.head;
  }

  int openConnections() {
    return open.get();
  }

  private void sweep() {
    long now = System.nanoTime();
    for (State s : connections.values()) {
      if (s.receiving && now - s.since > requestTimeoutNanos) {
        if (!s.channel.config().isAutoRead()) {
          s.since = now; // Vert.x is not reading: the client is not the one holding the request back
          continue;
        }
        LOG.info("connection from {} closed: no whole request within the request timeout", s.conn.remoteAddress());
        s.conn.close();
      }
    }
  }

  /**
   * Before the decoder: the first bytes after a whole request start the clock for the next one (the
   * first request's clock started with the accept), and tell whether it is a HEAD request.
   */
  private static final class FirstByte extends ChannelInboundHandlerAdapter {
    private final State s;

    FirstByte(State s) {
      this.s = s;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!s.started && msg instanceof ByteBuf) {
        ByteBuf buf = (ByteBuf) msg;
        int at = buf.forEachByte(ByteProcessor.FIND_NON_CRLF); // empty lines before a request start nothing (RFC 9112 §2.2)
        if (at >= 0) {
          s.started = true;
          s.head = at + 5 <= buf.writerIndex() && buf.getByte(at) == 'H' && buf.getByte(at + 1) == 'E'
              && buf.getByte(at + 2) == 'A' && buf.getByte(at + 3) == 'D' && buf.getByte(at + 4) == ' ';
          if (!s.receiving) {
            s.since = System.nanoTime();
            s.receiving = true;
          }
        }
      }
      ctx.fireChannelRead(msg);
    }
  }

  /**
   * After the decoder: the last part of a request stops the clock, and a request head that
   * {@link RequestFraming} refuses is marked undecodable, which makes Vert.x hand it to the
   * invalid-request handler (a 400) and close the connection once that answer is written. Everything
   * the decoder makes of the bytes after it (its body, pipelined requests) is dropped, so no later
   * request on the connection is processed, whatever a front proxy took the bytes to mean.
   */
  private static final class RequestEnd extends ChannelInboundHandlerAdapter {
    private final State s;
    private boolean refused; // event loop only

    RequestEnd(State s) {
      this.s = s;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (refused) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest) {
        HttpRequest req = (HttpRequest) msg;
        if (req.decoderResult().isSuccess()) {
          String problem = RequestFraming.problem(req);
          if (problem != null) {
            req.setDecoderResult(DecoderResult.failure(new RequestFraming.Refused(problem)));
          }
        }
        if (!req.decoderResult().isSuccess()) {
          // the last request of this connection: Vert.x answers it through the invalid-request handler and
          // closes. Its clock stops (a slow answer queued before it is not the client's fault); started and
          // head stay as they are, for that handler
          refused = true;
          s.receiving = false;
          ctx.fireChannelRead(msg);
          return;
        }
      }
      if (msg instanceof LastHttpContent) {
        s.receiving = false;
        s.started = false;
        s.head = false;
      }
      ctx.fireChannelRead(msg);
    }
  }
}

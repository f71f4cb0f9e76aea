package io.wplive.proxy.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A scriptable origin for integration tests: a Vert.x HTTP server on a free port that records
 * every request (method, URI, headers, body), counts them in total and per path, and answers
 * what the test scripted: a default {@link Reply}, per-path replies, or a function of the
 * request. {@link Mode#DOWN} closes each connection without an answer; a reply with
 * {@code trickle} sends its body one byte at a time.
 */
public final class FakeUpstream implements AutoCloseable {
  /** How the server treats a request. */
  public enum Mode { NORMAL, DOWN }

  /** One received request, with the body fully read. */
  public record Recorded(String method, String uri, String path, String query, MultiMap headers, Buffer body) {
    public String header(String name) {
      return headers.get(name);
    }

    public String bodyString() {
      return body.toString();
    }
  }

  /** A scripted answer; mutable, so tests can build one fluently. */
  public static final class Reply {
    int status = 200;
    Buffer body = Buffer.buffer("{\"ok\":true}");
    final MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
    long delayMs;
    long trickleEveryMs;
    boolean gzipWhenAsked;
    boolean close;
    io.vertx.core.Future<?> gate;

    public static Reply ok(String body) {
      return new Reply().body(body);
    }

    public static Reply status(int status, String body) {
      return new Reply().status(status).body(body);
    }

    public Reply status(int s) {
      status = s;
      return this;
    }

    public Reply body(String b) {
      body = Buffer.buffer(b);
      return this;
    }

    public Reply body(Buffer b) {
      body = b;
      return this;
    }

    /** Replaces a header (Content-Type included). */
    public Reply header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    public Reply addHeader(String name, String value) {
      headers.add(name, value);
      return this;
    }

    public Reply noHeader(String name) {
      headers.remove(name);
      return this;
    }

    public Reply delay(long ms) {
      delayMs = ms;
      return this;
    }

    /** Sends the body one byte every {@code everyMs} (chunked). */
    public Reply trickle(long everyMs) {
      trickleEveryMs = everyMs;
      return this;
    }

    /** Compresses the body itself when the request's Accept-Encoding allows gzip. */
    public Reply gzipWhenAsked() {
      gzipWhenAsked = true;
      return this;
    }

    /** Answers only once {@code gate} completes (and the delay passed): the test decides when. */
    public Reply holdUntil(io.vertx.core.Future<?> gate) {
      this.gate = gate;
      return this;
    }

    /** Closes the connection instead of answering (after the delay). */
    public Reply closeConnection() {
      close = true;
      return this;
    }

    public int statusCode() {
      return status;
    }

    public Buffer bodyBuffer() {
      return body;
    }
  }

  private final Vertx vertx;
  private final boolean ownsVertx;
  private HttpServer server;
  private final AtomicInteger total = new AtomicInteger();
  private final Map<String, AtomicInteger> perPath = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Reply> byPath = new ConcurrentHashMap<>();
  private volatile Reply defaultReply = new Reply();
  private volatile Function<Recorded, Reply> responder;
  private volatile Mode mode = Mode.NORMAL;

  /** On the shared test-side Vert.x ({@link TestVertx}). */
  public FakeUpstream() {
    this(TestVertx.get(), false);
  }

  public FakeUpstream(Vertx vertx) {
    this(vertx, false);
  }

  private FakeUpstream(Vertx vertx, boolean ownsVertx) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
  }

  /** Binds 127.0.0.1 on a free port. */
  public FakeUpstream start() {
    server = Blocking.await(vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1"));
    return this;
  }

  public int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  // ---- scripting ----

  /** The answer for every path without its own. */
  public FakeUpstream reply(Reply r) {
    defaultReply = r;
    return this;
  }

  /** The answer for one path (exact match on the path, without query). */
  public FakeUpstream reply(String path, Reply r) {
    byPath.put(path, r);
    return this;
  }

  /** Full control: the reply is computed from the request (takes precedence over the others). */
  public FakeUpstream respond(Function<Recorded, Reply> f) {
    responder = f;
    return this;
  }

  public FakeUpstream mode(Mode m) {
    mode = m;
    return this;
  }

  /** Forgets counts, recordings and scripts. */
  public void reset() {
    total.set(0);
    perPath.clear();
    requests.clear();
    byPath.clear();
    defaultReply = new Reply();
    responder = null;
    mode = Mode.NORMAL;
  }

  // ---- observations ----

  public int total() {
    return total.get();
  }

  public int count(String path) {
    AtomicInteger n = perPath.get(path);
    return n == null ? 0 : n.get();
  }

  public List<Recorded> requests() {
    return new ArrayList<>(requests);
  }

  /** The last request received, or {@code null}. */
  public Recorded last() {
    List<Recorded> all = requests;
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** Waits until at least {@code n} requests were received. */
  public void awaitTotal(int n, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (total() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("upstream received " + total() + " requests, expected at least " + n + " within " + max);
      }
      Blocking.sleep(10);
    }
  }

  // ---- serving ----

  private void handle(HttpServerRequest req) {
    total.incrementAndGet();
    perPath.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
    if (mode == Mode.DOWN) {
      Recorded r = new Recorded(req.method().name(), req.uri(), req.path(), req.query(),
          MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), Buffer.buffer());
      requests.add(r);
      req.connection().close();
      return;
    }
    req.body().onComplete(ar -> {
      Buffer body = ar.succeeded() ? ar.result() : Buffer.buffer();
      Recorded r = new Recorded(req.method().name(), req.uri(), req.path(), req.query(),
          MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), body);
      requests.add(r);
      Function<Recorded, Reply> f = responder;
      Reply reply = f != null ? f.apply(r) : null;
      if (reply == null) {
        reply = byPath.getOrDefault(req.path(), defaultReply);
      }
      Reply chosen = reply;
      Runnable answer = chosen.gate == null ? () -> send(req, r, chosen)
          : () -> chosen.gate.onComplete(g -> send(req, r, chosen));
      if (chosen.delayMs > 0) {
        vertx.setTimer(chosen.delayMs, t -> answer.run());
      } else {
        answer.run();
      }
    });
  }

  private void send(HttpServerRequest req, Recorded r, Reply reply) {
    if (reply.close) {
      req.connection().close();
      return;
    }
    HttpServerResponse resp = req.response();
    if (resp.closed()) {
      return;
    }
    resp.setStatusCode(reply.status);
    resp.headers().addAll(reply.headers);
    Buffer body = reply.body;
    String ae = r.header("accept-encoding");
    if (reply.gzipWhenAsked && ae != null && ae.contains("gzip")) {
      body = gzip(body);
      resp.headers().set("Content-Encoding", "gzip");
    }
    if (reply.status == 304 || reply.status == 204 || req.method().name().equals("HEAD")) {
      resp.end();
      return;
    }
    if (reply.trickleEveryMs > 0 && body.length() > 0) {
      resp.setChunked(true);
      trickle(resp, body, 0, reply.trickleEveryMs);
      return;
    }
    resp.end(body);
  }

  private void trickle(HttpServerResponse resp, Buffer body, int i, long every) {
    if (resp.closed()) {
      return;
    }
    if (i >= body.length()) {
      resp.end();
      return;
    }
    resp.write(body.getBuffer(i, i + 1));
    vertx.setTimer(every, t -> trickle(resp, body, i + 1, every));
  }

  public static Buffer gzip(Buffer body) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(bos.toByteArray());
  }

  @Override
  public void close() {
    if (server != null) {
      Blocking.await(server.close(), 5, TimeUnit.SECONDS);
    }
    if (ownsVertx) {
      Blocking.await(vertx.close(), 5, TimeUnit.SECONDS);
    }
  }
}

package io.wplive.proxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.it.security.Wire;
import io.wplive.proxy.server.ProxyServer;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.MutableClock;
import io.wplive.proxy.support.ProxyFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #8 fuzzing: a seeded generator ({@link RequestGenerator}, {@link SplittableRandom}) sends
 * malformed request lines, targets, headers, framings and bodies at an in-process proxy over raw
 * keep-alive and one-shot sockets, and checks:
 * <ul>
 *   <li>no answer is a 500 (nor any other 5xx: the upstream is healthy and fast);</li>
 *   <li>no request the proxy refused with a 4xx reached the upstream (every case carries
 *       {@code X-Request-Id: fz<case>}, which the proxy forwards, so upstream calls are traced back);</li>
 *   <li>the upstream never had to reject what the proxy forwarded;</li>
 *   <li>the proxy is alive afterwards and serves a normal request;</li>
 *   <li>no connection leaks: the proxy's ConnectionGuard count, and the TCP connections on the
 *       proxy's port that are still open (/proc/net/tcp: not LISTEN, not TIME_WAIT), come back to where
 *       they were; this JVM's descriptors are reported (and checked loosely where /proc/net/tcp is missing).</li>
 * </ul>
 *
 * <p>{@code -Dfuzz.seed=N} replays a run (the seed is printed and in every failure message),
 * {@code -Dfuzz.cases=N} (default 10000), {@code -Dfuzz.threads=N} (default 2) client threads,
 * {@code -Dfuzz.loops=N} (default 1) proxy event loops,
 * {@code -Dfuzz.budgetSeconds=N} the time allowed for the cases (default 60, or 6 ms per case
 * beyond 10000). Long run: {@code mvn -q test -Dtest=RequestFuzzTest -Dfuzz.cases=1000000}.
 */
@Timeout(value = 4, unit = TimeUnit.HOURS)
class RequestFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("fuzz.cases", 10_000);
  private static final int THREADS = Math.max(1, Integer.getInteger("fuzz.threads", 2));
  private static final int LOOPS = Math.max(1, Integer.getInteger("fuzz.loops", 1));
  private static final long BUDGET_MS = Long.getLong("fuzz.budgetSeconds", Math.max(60, CASES * 6L / 1000)) * 1000;
  private static final int READ_TIMEOUT_MS = 5_000;

  private FakeUpstream upstream;
  private ProxyFixture proxy;

  // ---- observations ----
  /** Per case id (second requests of pipelined cases at CASES + id): bit 0 = a 4xx answer, bit 1 = another answer. */
  private final AtomicIntegerArray answers = new AtomicIntegerArray(2 * CASES);
  private final AtomicLong sentCases = new AtomicLong();
  private List<SplittableRandom> streams;
  private final Map<Integer, LongAdder> statusHistogram = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, LongAdder> examplesPerKind = new ConcurrentHashMap<>();
  private final AtomicLong violationCount = new AtomicLong();

  private static final String CONFIG = """
      server:
        host: 127.0.0.1
        port: ${FUZZ_PORT}
        maxUriLength: 2KB
        maxHeaderSize: 4KB
        maxRequestBody: 4KB
        maxQueryParams: 20
        requestTimeout: 2s
        idleTimeout: 20s
      logging: {access: false}
      clients:
        cors: {allowOrigins: ["https://shop.example.com"]}
      upstreams:
        api:
          baseUrl: ${UPSTREAM}/base
          timeout: 10s
          maxConnections: 50
          circuitBreaker: {failureThreshold: 1000}
      routes:
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          query: {allow: [page, per_page, q]}
          cache: {ttl: 1h, varyHeaders: [Accept-Language]}
        - name: product
          path: /api/products/:sku
          upstream: api
          upstreamPath: /products/:sku
          cache: {ttl: 1h}
        - name: files
          path: /api/files/*
          upstream: api
          upstreamPath: /files/*
          cache: {ttl: 1h}
        - name: live
          path: /api/live
          upstream: api
          upstreamPath: /live
        - name: write
          path: /api/write
          upstream: api
          upstreamPath: /write
          methods: [POST, PUT, PATCH, DELETE]
        - name: norm
          path: /api/norm
          upstream: api
          upstreamPath: /norm
          cache: {ttl: 1h}
          normalize:
            items: /items
            pagination: {style: page, pageParam: page, sizeParam: per_page}
        - name: open
          path: /open/*
          upstream: api
          upstreamPath: /open/*
          methods: ["*"]
      """;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private void event(String name) {
    events.computeIfAbsent(name, k -> new LongAdder()).increment();
  }

  private final Map<String, List<String>> notes = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> timeByShape = new ConcurrentHashMap<>();

  /** An event worth an example in the output, without failing the test. */
  private void note(String kind, RequestGenerator.Case c, String detail) {
    event(kind);
    List<String> ex = notes.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>());
    if (ex.size() < 2) {
      ex.add("case " + c.id() + " (" + c.kind() + "): " + detail + "\n--- request:\n" + c.printable());
    }
  }

  private void violation(String what, RequestGenerator.Case c, String detail) {
    violationCount.incrementAndGet();
    String kind = what.startsWith("answered") ? what : what.replaceAll("[0-9]+", "#");
    event("violation: " + kind);
    LongAdder seen = examplesPerKind.computeIfAbsent(kind, k -> new LongAdder());
    seen.increment();
    if (seen.sum() <= 3 && violations.size() < 40) {
      violations.add(what + " — case " + (c == null ? "?" : c.id() + " (" + c.kind() + ")") + ": " + detail
          + (c == null ? "" : "\n--- request:\n" + c.printable()));
    }
  }

  @Test
  void malformedRequestsNeverCause5xxNorReachTheUpstreamNorLeakConnections() throws Exception {
    upstream = new FakeUpstream().start();
    upstream.respond(r -> r.path().startsWith("/base/norm")
        ? Reply.ok("{\"items\":[{\"id\":1},{\"id\":2}],\"total\":2}")
        : Reply.ok("{\"ok\":true}"));
    // one event loop by default, like the other in-process tests; more need a fixed port (see ProxyFixture)
    String listenPort = LOOPS > 1 ? Integer.toString(Blocking.freePort()) : "0";
    proxy = ProxyFixture.start(CONFIG, Map.of("UPSTREAM", upstream.url(), "FUZZ_PORT", listenPort), new MutableClock(), LOOPS);
    int port = proxy.port();

    // warm up (class loading, JIT), then take the baseline
    for (int i = 0; i < 50; i++) {
      try (Wire w = Wire.connect(port)) {
        assertThat(w.exchange(Wire.build(port, "GET /api/items?q=" + i + " HTTP/1.1", null)).status()).isEqualTo(200);
      }
    }
    upstream.reset();
    upstream.respond(r -> r.path().startsWith("/base/norm")
        ? Reply.ok("{\"items\":[{\"id\":1},{\"id\":2}],\"total\":2}")
        : Reply.ok("{\"ok\":true}"));
    int guardBefore = awaitGuardAtMost(port, 0, Duration.ofSeconds(5));
    long fdsBefore = openFds();
    Map<String, Long> fdKindsBefore = fdKinds();
    int serverSocketsBefore = awaitServerSocketsAtMost(port, 0, Duration.ofSeconds(5));

    // the cases
    streams = streams();
    long start = System.nanoTime();
    long deadline = start + BUDGET_MS * 1_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int worker = t;
      workers.add(pool.submit(() -> runWorker(port, worker, streams.get(worker), deadline)));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    pool.shutdown();
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    long sent = sentCases.get();

    // attribute every upstream call to its case
    List<Recorded> calls = upstream.requests();
    long unattributed = 0;
    for (Recorded r : calls) {
      String rid = r.header("X-Request-Id");
      Long id = rid != null && rid.matches("fz\\d+") ? Long.parseLong(rid.substring(2)) : null;
      if (id == null) {
        unattributed++;
        violation("upstream call without a traceable request id", null, r.method() + " " + r.uri() + " X-Request-Id=" + rid
            + " headers " + r.headers().entries() + " body " + (r.body().length() > 300 ? r.body().getString(0, 300) + "…" : r.bodyString()));
        continue;
      }
      int flags = answers.get(slot(id));
      if (flags == 1) {
        violation("refused with a 4xx but reached the upstream", regenerate(id), "upstream saw " + r.method() + " " + r.uri());
      }
      if (r.uri().contains("\r") || r.uri().contains("\n") || r.header("X-Injected") != null) {
        violation("CR/LF reached the upstream", regenerate(id), r.method() + " " + r.uri() + " headers " + r.headers());
      }
    }

    // alive, serving, and no connection left behind
    HttpResult live = ProxyFixtureHelper.get(port, "/health/live");
    HttpResult normal = ProxyFixtureHelper.get(port, "/api/items?q=after");
    int guardAfter = awaitGuardAtMost(port, guardBefore, Duration.ofSeconds(10));
    int serverSocketsAfter = awaitServerSocketsAtMost(port, Math.max(0, serverSocketsBefore), Duration.ofSeconds(10));
    long fdsAfter = openFds();
    Map<String, Long> fdKindsAfter = fdKinds();

    Map<Integer, Long> histogram = new TreeMap<>();
    statusHistogram.forEach((k, v) -> histogram.put(k, v.sum()));
    Map<String, Long> ev = new TreeMap<>();
    events.forEach((k, v) -> ev.put(k, v.sum()));
    String summary = String.format("RequestFuzzTest seed=%d (replay: -Dfuzz.seed=%d -Dfuzz.cases=%d -Dfuzz.threads=%d): "
            + "%d cases in %d ms (%.0f/s, %d proxy event loops), %d upstream calls (%d unattributed), statuses %s, events %s, "
            + "connections guard %d→%d, server-side sockets of the proxy port (not LISTEN/TIME_WAIT) %d→%d, "
            + "fds %d→%d %s→%s",
        SEED, SEED, CASES, THREADS, sent, elapsedMs, sent * 1000.0 / Math.max(1, elapsedMs), LOOPS, calls.size(), unattributed,
        histogram, ev, guardBefore, guardAfter, serverSocketsBefore, serverSocketsAfter, fdsBefore, fdsAfter,
        fdKindsBefore, fdKindsAfter);
    System.out.println(summary);
    notes.forEach((k, v) -> v.forEach(x -> System.out.println("NOTE " + k + ": " + x)));
    timeByShape.forEach((k, v) -> System.out.println("TIME " + k + ": " + v.sum() + " ms"));

    StringBuilder msg = new StringBuilder(summary).append("\n").append(violationCount.get()).append(" violations");
    for (String v : violations) {
      msg.append("\n\n* ").append(v);
    }
    assertThat(violations).as(msg.toString()).isEmpty();
    assertThat(sent).as(summary).isEqualTo(CASES);
    assertThat(elapsedMs).as("time for %d cases; %s", CASES, summary).isLessThan(BUDGET_MS);
    assertThat(live.status()).as("/health/live after the run: %s", live).isEqualTo(200);
    assertThat(normal.status()).as("a normal request after the run: %s", normal).isEqualTo(200);
    if (guardAfter >= 0) {
      assertThat(guardAfter).as("open connections per the proxy's ConnectionGuard; %s", summary).isLessThanOrEqualTo(guardBefore);
    }
    if (serverSocketsAfter >= 0) {
      assertThat(serverSocketsAfter).as("connections the proxy still holds open (/proc/net/tcp); %s", summary)
          .isLessThanOrEqualTo(serverSocketsBefore);
    }
    if (serverSocketsAfter < 0 && fdsBefore >= 0) {
      // no /proc/net/tcp: fall back to this JVM's descriptors. They include the proxy's pooled upstream
      // connections (both ends live in this JVM, up to 2 x upstreams.api.maxConnections), so the margin is wide
      assertThat(fdsAfter).as("open file descriptors of this JVM; %s", summary).isLessThanOrEqualTo(fdsBefore + 110);
    }
  }

  /** The generators' random streams, one per client thread, the same for the same seed. */
  private static List<SplittableRandom> streams() {
    SplittableRandom master = new SplittableRandom(SEED);
    List<SplittableRandom> out = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      out.add(master.split());
    }
    return out;
  }

  private static int slot(long id) {
    return id >= (1L << 40) ? (int) (CASES + id - (1L << 40)) : (int) id;
  }

  /** The case with this id (or whose second request has it), generated again from the seed. */
  static RequestGenerator.Case regenerate(long id) {
    long primary = id >= (1L << 40) ? id - (1L << 40) : id;
    int worker = (int) (primary % THREADS);
    RequestGenerator gen = new RequestGenerator(streams().get(worker));
    RequestGenerator.Case c = null;
    for (long i = worker; i <= primary; i += THREADS) {
      c = gen.next(i);
    }
    return c;
  }

  // ---- one client thread ----

  private void runWorker(int port, int worker, SplittableRandom rnd, long deadline) {
    RequestGenerator gen = new RequestGenerator(rnd);
    Wire keep = null;
    try {
      for (long id = worker; id < CASES; id += THREADS) {
        if (System.nanoTime() > deadline) {
          event("stopped: time budget exhausted");
          return;
        }
        RequestGenerator.Case c = gen.next(id);
        sentCases.incrementAndGet();
        long t0 = System.nanoTime();
        if (c.shape() == RequestGenerator.Shape.FRAMED) {
          keep = framed(port, keep, c);
        } else {
          open(port, c);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        timeByShape.computeIfAbsent(c.shape().name(), k -> new LongAdder()).add(ms);
        if (ms > 1_000) {
          note("slow case (> 1 s)", c, ms + " ms");
        }
      }
    } catch (RuntimeException | Error e) {
      violation("client thread died: " + e, null, String.valueOf(e));
      throw e;
    } finally {
      if (keep != null) {
        keep.close();
      }
    }
  }

  /** Sends a complete request on the keep-alive connection; returns the connection to use next (null = closed). */
  private Wire framed(int port, Wire keep, RequestGenerator.Case c) {
    for (int attempt = 0; attempt < 2; attempt++) {
      boolean reused = keep != null;
      if (keep == null) {
        keep = Wire.connect(port).timeout(READ_TIMEOUT_MS);
      }
      if (!keep.trySend(c.bytes())) {
        keep.close();
        keep = null;
        if (reused) {
          continue; // the server had closed the idle connection: once more on a new one
        }
        event("framed: could not send");
        return null;
      }
      try {
        HttpResult r = keep.read(c.head());
        record(c, c.id(), r);
        String text = new String(c.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean closes = "close".equalsIgnoreCase(r.header("Connection")) || r.status() == 101 || r.status() == 413
            || text.contains(" HTTP/1.0\r\n");
        if (closes) {
          keep.close();
          return null;
        }
        return keep;
      } catch (UncheckedIOException e) {
        keep.close();
        keep = null;
        if (e.getCause() instanceof SocketTimeoutException) {
          event("framed: no answer within " + READ_TIMEOUT_MS + " ms");
          violation("stall: a complete request got no answer and no close within " + READ_TIMEOUT_MS + " ms", c, String.valueOf(e));
          return null;
        }
        if (reused && String.valueOf(e.getMessage()).contains("without an answer")) {
          continue; // raced with the server closing a reused connection
        }
        event("framed: closed without an answer");
        return null;
      }
    }
    event("framed: closed without an answer twice");
    return null;
  }

  /** Sends a possibly unframed request on a connection of its own, half-closes, reads every answer until EOF. */
  private void open(int port, RequestGenerator.Case c) {
    try (Wire w = Wire.connect(port).timeout(READ_TIMEOUT_MS)) {
      if (!w.trySend(c.bytes())) {
        event("open: could not send");
        return;
      }
      try {
        w.socket().shutdownOutput();
      } catch (IOException e) {
        event("open: could not half-close");
      }
      int answers = 0;
      while (answers < c.expectedAnswers() + 1) {
        try {
          HttpResult r = w.read(c.headAt(answers));
          record(c, answers == 1 && c.expectedAnswers() == 2 ? RequestGenerator.secondId(c.id()) : c.id(), r);
          answers++;
          if (r.status() == 101) {
            break;
          }
        } catch (UncheckedIOException e) {
          Throwable cause = e.getCause();
          if (cause instanceof SocketTimeoutException) {
            event("open: no answer and no close within " + READ_TIMEOUT_MS + " ms");
            violation("stall: a half-closed connection was neither answered nor closed", c, String.valueOf(e));
          } else if (String.valueOf(e.getMessage()).contains("without an answer")) {
            event(answers == 0 ? "open: closed without an answer" : "open: closed after answering");
          } else if (String.valueOf(e.getMessage()).contains("not an HTTP status line")) {
            String m = e.getMessage();
            note("open: bytes that are not an HTTP answer after " + answers + " answers", c, m);
          } else {
            event("open: " + (cause == null ? e.getMessage() : cause.getClass().getSimpleName()));
          }
          break;
        } catch (RuntimeException e) {
          event("open: unparseable answer (" + e.getClass().getSimpleName() + ")");
          break;
        }
      }
    } catch (UncheckedIOException e) {
      event("open: connect failed");
    }
  }

  private void record(RequestGenerator.Case c, long id, HttpResult r) {
    int s = r.status();
    statusHistogram.computeIfAbsent(s, k -> new LongAdder()).increment();
    int bit = s >= 400 && s < 500 ? 1 : 2;
    answers.accumulateAndGet(slot(id), bit, (a, b) -> a | b);
    if (s == 501 && !singleWellVersionedRequest(c)) {
      // Vert.x itself answers 501 (empty body, connection closed) to a request line whose version is not
      // HTTP/1.0 or HTTP/1.1, before any handler of the proxy runs: counted, reported, not a failure here
      event("501 from Vert.x for an unsupported HTTP version");
    } else if (s == 504 && String.valueOf(r.header("Cache-Status")).contains("only-if-cached")) {
      event("504 for Cache-Control: only-if-cached with nothing stored (RFC 9111)");
    } else if (s >= 500) {
      violation("answered " + s, c, r.toString());
    }
    String cacheStatus = r.header("Cache-Status");
    if (s >= 400 && s < 500 && cacheStatus != null && cacheStatus.matches(".*fwd-status=4\\d\\d.*")) {
      violation("the upstream rejected what the proxy forwarded (" + cacheStatus + ")", c, r.toString());
    }
    if (r.header("X-Injected") != null) {
      violation("a CR/LF-injected header came back to the client", c, r.toString());
    }
    if (s >= 400 && s != 101) {
      String ct = r.header("Content-Type");
      if (ct == null || !ct.startsWith("application/json")) {
        event("non-JSON error " + s);
      }
    }
  }

  private static final java.util.regex.Pattern GOOD_FIRST_LINE =
      java.util.regex.Pattern.compile("(?s)[\\r\\n]*[^\\r\\n]* HTTP/1\\.[01]\\r\\n.*");

  /** One request whose request line ends in HTTP/1.0 or HTTP/1.1: Vert.x's 501 does not apply to it. */
  private static boolean singleWellVersionedRequest(RequestGenerator.Case c) {
    return c.expectedAnswers() == 1
        && GOOD_FIRST_LINE.matcher(new String(c.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).matches();
  }

  // ---- connection accounting ----

  /** The proxy's own count of open client connections (ConnectionGuard), or -1 when not readable. */
  private int guardCount() {
    try {
      ProxyServer server = proxy.server();
      Field f = ProxyServer.class.getDeclaredField("connections");
      f.setAccessible(true);
      Object guard = f.get(server);
      Method m = guard.getClass().getDeclaredMethod("openConnections");
      m.setAccessible(true);
      return (Integer) m.invoke(guard);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  private int awaitGuardAtMost(int port, int max, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    int n = guardCount();
    while (n > max && System.nanoTime() < deadline) {
      Blocking.sleep(100);
      n = guardCount();
    }
    return n;
  }

  /** Open descriptors of this JVM by kind (socket, pipe, anon_inode, file). */
  private static Map<String, Long> fdKinds() {
    Map<String, Long> out = new TreeMap<>();
    Path fd = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fd)) {
      return out;
    }
    try (var s = Files.list(fd)) {
      for (Path p : s.toList()) {
        String target;
        try {
          target = Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
          continue;
        }
        String kind = target.startsWith("socket:") ? "socket" : target.startsWith("pipe:") ? "pipe"
            : target.startsWith("anon_inode:") ? "anon_inode" : "file";
        out.merge(kind, 1L, Long::sum);
      }
    } catch (IOException e) {
      return out;
    }
    return out;
  }

  /**
   * TCP sockets whose local port is the proxy's and that are neither listening nor in TIME_WAIT:
   * the connections the proxy still holds (CLOSE_WAIT = the client left and the proxy never closed).
   * -1 when /proc/net/tcp is not readable.
   */
  static int serverSockets(int port) {
    int n = 0;
    boolean any = false;
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path p = Path.of(table);
      if (!Files.isReadable(p)) {
        continue;
      }
      any = true;
      try {
        for (String line : Files.readAllLines(p)) {
          String[] f = line.trim().split("\\s+");
          if (f.length < 4 || !f[1].contains(":")) {
            continue;
          }
          int localPort = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
          String state = f[3];
          if (localPort == port && !state.equals("0A") && !state.equals("06")) {
            n++;
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
    }
    return any ? n : -1;
  }

  private static int awaitServerSocketsAtMost(int port, int max, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    int n = serverSockets(port);
    while (n > max && System.nanoTime() < deadline) {
      Blocking.sleep(200);
      n = serverSockets(port);
    }
    return n;
  }

  /** Open file descriptors of this JVM (client and server sockets alike), or -1 when /proc is not there. */
  private static long openFds() {
    Path fd = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fd)) {
      return -1;
    }
    try (var s = Files.list(fd)) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** One GET over a fresh raw connection. */
  static final class ProxyFixtureHelper {
    private ProxyFixtureHelper() {
    }

    static HttpResult get(int port, String path) {
      try (Wire w = Wire.connect(port)) {
        return w.exchange(Wire.build(port, "GET " + path + " HTTP/1.1", null));
      }
    }
  }
}

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark origin: a slow API stand-in.
 *
 * <ul>
 *   <li>{@code GET /…/products/{id}}: a 2 KB JSON document per id ({@link Bodies}), after
 *       {@code delay} ms (a timer, never a blocked thread), with {@code Cache-Control: max-age=N}.
 *       Every such request is counted.</li>
 *   <li>{@code GET /__count}: the count, as a bare number. {@code POST /__reset}: count := 0.</li>
 *   <li>{@code POST /__config?delay=MS&maxAge=S}: change delay and max-age at run time.</li>
 * </ul>
 *
 * <p>Usage: {@code java -cp wp-live-proxy.jar:bench/target Origin [--port 18081] [--delay-ms 0]
 * [--max-age 600]}; env {@code ORIGIN_PORT}, {@code ORIGIN_DELAY_MS}, {@code ORIGIN_MAX_AGE} are the
 * defaults. Listens on 127.0.0.1 only.
 */
public final class Origin {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private final AtomicLong count = new AtomicLong();
  private final ConcurrentHashMap<String, Buffer> bodies = new ConcurrentHashMap<>();
  private volatile long delayMs;
  private volatile int maxAge;
  private volatile CharSequence cacheControl;
  private final Vertx vertx;

  Origin(Vertx vertx, long delayMs, int maxAge) {
    this.vertx = vertx;
    this.delayMs = delayMs;
    setMaxAge(maxAge);
  }

  private void setMaxAge(int s) {
    maxAge = s;
    cacheControl = HttpHeaders.createOptimized("public, max-age=" + s);
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(env("ORIGIN_PORT", "18081"));
    long delay = Long.parseLong(env("ORIGIN_DELAY_MS", "0"));
    int maxAge = Integer.parseInt(env("ORIGIN_MAX_AGE", "600"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--delay-ms" -> delay = Long.parseLong(args[i + 1]);
        case "--max-age" -> maxAge = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Origin origin = new Origin(vertx, delay, maxAge);
    int p = port;
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(origin::handle)
        .listen()
        .onSuccess(s -> System.out.println("origin listening on 127.0.0.1:" + p + " delay=" + origin.delayMs + "ms max-age=" + origin.maxAge))
        .onFailure(e -> {
          System.err.println("origin failed to listen on " + p + ": " + e);
          System.exit(1);
        });
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/__")) {
      admin(req, path);
      return;
    }
    if (!path.contains("/products/") || (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD)) {
      req.response().setStatusCode(404).end();
      return;
    }
    count.incrementAndGet();
    String id = Bodies.keyOf(path);
    Buffer body = bodies.computeIfAbsent(id, k -> Buffer.buffer(Bodies.body(k)));
    long d = delayMs;
    if (d <= 0) {
      respond(req, body);
    } else {
      vertx.setTimer(d, t -> respond(req, body));
    }
  }

  private void respond(HttpServerRequest req, Buffer body) {
    MultiMap h = req.response().headers();
    h.set(HttpHeaders.CONTENT_TYPE, JSON);
    h.set(HttpHeaders.CACHE_CONTROL, cacheControl);
    req.response().end(body);
  }

  private void admin(HttpServerRequest req, String path) {
    switch (path) {
      case "/__count" -> req.response().end(Long.toString(count.get()));
      case "/__reset" -> {
        count.set(0);
        req.response().end("0");
      }
      case "/__config" -> {
        String d = req.getParam("delay");
        String m = req.getParam("maxAge");
        if (d != null) {
          delayMs = Long.parseLong(d);
        }
        if (m != null) {
          setMaxAge(Integer.parseInt(m));
        }
        req.response().end("delay=" + delayMs + " maxAge=" + maxAge);
      }
      default -> req.response().setStatusCode(404).end();
    }
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * The ceiling: a bare Vert.x 5 server, one event loop, answering {@code GET /…/{id}} with the same
 * 2 KB document the origin serves, from a map filled at start-up. No routing table, no cache
 * logic, no extra headers: what a JVM/Vert.x HTTP server can do on this machine.
 *
 * <p>Usage: {@code java -cp wp-live-proxy.jar:bench/target RawServer [--port 18080] [--keys 1000]}.
 */
public final class RawServer {
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  public static void main(String[] args) {
    int port = 18080;
    int keys = 1000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--keys" -> keys = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, Buffer> bodies = new HashMap<>();
    for (int k = 1; k <= keys; k++) {
      String id = Integer.toString(k);
      bodies.put(id, Buffer.buffer(Bodies.body(id)));
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    int p = port;
    vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler((HttpServerRequest req) -> {
          Buffer body = bodies.get(Bodies.keyOf(req.path()));
          if (body == null) {
            req.response().setStatusCode(404).end();
          } else {
            req.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
          }
        })
        .listen()
        .onSuccess(s -> System.out.println("raw vert.x server listening on 127.0.0.1:" + p + " (" + bodies.size() + " keys, 1 event loop)"))
        .onFailure(e -> {
          System.err.println("raw server failed to listen on " + p + ": " + e);
          System.exit(1);
        });
  }
}

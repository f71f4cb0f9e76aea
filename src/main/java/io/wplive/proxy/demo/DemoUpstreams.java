package io.wplive.proxy.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in simulated upstreams (SPEC §8), in the same process on their own port, so a
 * newcomer can watch caching, stale serving and the circuit breaker with curl and no network.
 * {@code POST /__demo/{name}/mode {"mode": "ok"|"slow"|"error"|"down"}} changes how one behaves;
 * the proxy's own port forwards {@code /__demo/…} here too.
 */
public final class DemoUpstreams {
  private static final Logger LOG = LoggerFactory.getLogger(DemoUpstreams.class);
  static final long SLOW_MS = 10_000;

  private final Vertx vertx;
  private final Map<String, DemoApi> apis = new LinkedHashMap<>();
  private HttpServer server;

  public DemoUpstreams(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    add(new InventoryApi(clock));
    add(new ListingsApi());
    add(new CalendarApi(clock));
    add(new XmlFeedApi(clock));
  }

  private void add(DemoApi api) {
    apis.put(api.name(), api);
  }

  public Future<DemoUpstreams> start(String host, int port) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, host).map(s -> {
      server = s;
      LOG.info("demo upstreams ({}) listening on {}:{}", String.join(", ", apis.keySet()), host, s.actualPort());
      return this;
    });
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/__demo/")) {
      control(req);
      return;
    }
    int slash = path.indexOf('/', 1);
    String name = slash < 0 ? path.substring(1) : path.substring(1, slash);
    DemoApi api = apis.get(name);
    if (api == null) {
      req.response().setStatusCode(404).end();
      return;
    }
    api.countRequest();
    String rest = slash < 0 ? "/" : path.substring(slash);
    switch (api.mode()) {
      case DOWN -> req.connection().close();
      case ERROR -> vertx.setTimer(api.latencyMs(), t -> req.response().setStatusCode(500)
          .putHeader("Content-Type", "text/html")
          .end("<html><body><h1>500 Internal Server Error</h1><p>upstream exploded</p></body></html>"));
      case SLOW -> vertx.setTimer(SLOW_MS, t -> {
        if (!req.response().closed()) {
          api.serve(req, rest);
        }
      });
      default -> vertx.setTimer(api.latencyMs(), t -> api.serve(req, rest));
    }
  }

  /** {@code /__demo/{name}/mode} (GET, POST) and {@code /__demo/{name}/stats} (GET). */
  public void control(HttpServerRequest req) {
    String[] parts = req.path().split("/");
    // "", "__demo", name, action
    DemoApi api = parts.length == 4 ? apis.get(parts[2]) : null;
    if (api == null) {
      answer(req, 404, new JsonObject().put("error", "unknown demo upstream; have " + apis.keySet()));
      return;
    }
    String action = parts[3];
    if (action.equals("stats") && req.method() == HttpMethod.GET) {
      answer(req, 200, state(api));
    } else if (action.equals("mode") && req.method() == HttpMethod.GET) {
      answer(req, 200, state(api));
    } else if (action.equals("mode") && req.method() == HttpMethod.POST) {
      req.body().onComplete(ar -> {
        DemoMode m = null;
        try {
          m = ar.succeeded() ? DemoMode.parse(new JsonObject(ar.result()).getString("mode")) : null;
        } catch (RuntimeException e) {
          m = null;
        }
        if (m == null) {
          answer(req, 400, new JsonObject().put("error", "body must be {\"mode\": \"ok\"|\"slow\"|\"error\"|\"down\"}"));
          return;
        }
        api.mode(m);
        LOG.info("demo upstream {} is now {}", api.name(), m.name().toLowerCase(java.util.Locale.ROOT));
        answer(req, 200, state(api));
      });
    } else {
      answer(req, 405, new JsonObject().put("error", "use GET or POST /__demo/{name}/mode, GET /__demo/{name}/stats"));
    }
  }

  private static JsonObject state(DemoApi api) {
    return new JsonObject().put("upstream", api.name()).put("mode", api.mode().name().toLowerCase(java.util.Locale.ROOT))
        .put("requests", api.requests());
  }

  private static void answer(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}

package io.wplive.proxy.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.wplive.proxy.cache.CacheStore;
import io.wplive.proxy.cache.MemoryTier;
import io.wplive.proxy.cache.Purger;
import io.wplive.proxy.admin.AdminHandler;
import io.wplive.proxy.security.ClientAuth;
import io.wplive.proxy.security.Cors;
import io.wplive.proxy.security.LocalQuotas;
import io.wplive.proxy.resilience.LocalBudget;
import io.wplive.proxy.cache.redis.InvalidationBus;
import io.wplive.proxy.cache.redis.RedisTier;
import io.wplive.proxy.fleet.FleetLock;
import io.wplive.proxy.fleet.FleetMembership;
import io.wplive.proxy.fleet.FleetRedis;
import io.wplive.proxy.fleet.SharedBudget;
import io.wplive.proxy.fleet.SharedQuotas;
import io.wplive.proxy.resilience.UpstreamBudget;
import io.wplive.proxy.admin.WebhookHandler;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.config.ServerOptions;
import io.wplive.proxy.demo.DemoUpstreams;
import io.wplive.proxy.observability.AccessLog;
import io.wplive.proxy.observability.HealthState;
import io.wplive.proxy.observability.OpsHandler;
import io.wplive.proxy.observability.ProxyMetrics;
import io.wplive.proxy.proxy.Fetcher;
import io.wplive.proxy.proxy.Normalizers;
import io.wplive.proxy.proxy.ProxyHandler;
import io.wplive.proxy.proxy.ProxyRuntime;
import io.wplive.proxy.upstream.Upstreams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and runs one proxy process from a {@link ProxyConfig}: Vert.x with metrics, the demo
 * upstreams, the cache tiers, the upstream clients, and one HTTP listener per event loop.
 * Tests start it in-process on port 0.
 */
public final class ProxyServer {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

  private final ProxyConfig config;
  private final Clock clock;
  private final int instances;
  private final HealthState health = new HealthState();
  private final List<HttpServer> servers = new ArrayList<>();
  private Vertx vertx;
  private ProxyMetrics metrics;
  private DemoUpstreams demo;
  private volatile ProxyRuntime runtime;
  private int port;
  private int adminPort = -1;
  private ConfigReloader reloader;
  private ConnectionGuard connections;
  private Future<Void> stopping;
  private UpstreamBudget budget;
  private RedisTier redisTier;
  private FleetRedis fleetRedis;
  private FleetMembership membership;
  private InvalidationBus bus;

  public ProxyServer(ProxyConfig config, Clock clock) {
    this(config, clock, Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** @param instances listeners (event loops) serving the public port */
  public ProxyServer(ProxyConfig config, Clock clock, int instances) {
    this.config = config;
    this.clock = clock;
    this.instances = instances;
  }

  /** Starts everything; fails (and cleans up) when a port is taken. */
  public Future<ProxyServer> start() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions mo = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    // Vert.x's per-request HTTP server metrics cost ~10 % of hit throughput; ours replace them
    mo.addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(mo).setEventLoopPoolSize(Math.max(instances, 1)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    metrics = new ProxyMetrics(registry);
    Future<Void> demoStarted = Future.succeededFuture();
    if (config.demo().enabled()) {
      demo = new DemoUpstreams(vertx, clock);
      demoStarted = demo.start(config.server().host().equals("0.0.0.0") ? "0.0.0.0" : config.server().host(),
          config.demo().port()).mapEmpty();
    }
    return demoStarted
        .compose(v -> {
          runtime = buildRuntime(config, null);
          health.upstreams(this::upstreamStates);
          return listen();
        })
        .map(v -> {
          health.phase(HealthState.Phase.READY);
          LOG.info("wp-live-proxy listening on {}:{} ({} event loops), {} routes, {} upstreams, cache: memory {} MB{}",
              config.server().host(), port, instances, config.routeTable().size(), config.upstreams().size(),
              config.cache().memoryMaxSize() / (1024 * 1024), config.redisEnabled() ? " + redis" : "");
          return this;
        })
        .recover(err -> vertx.close().transform(ar -> Future.failedFuture(err)));
  }

  /**
   * The request-time objects of {@code cfg}. On a reload ({@code previous} set) the cache tiers
   * are kept, and so are the clients and breakers of upstreams whose section did not change.
   */
  ProxyRuntime buildRuntime(ProxyConfig cfg, ProxyRuntime previous) {
    java.util.function.Function<String, io.wplive.proxy.config.RateLimitOptions> limits = name -> {
      var u = runtime == null ? cfg.upstreams().get(name) : runtime.config().upstreams().get(name);
      return u == null ? null : u.rateLimit();
    };
    if (previous == null && cfg.redisEnabled()) {
      startRedis(cfg);
    }
    if (budget == null) {
      budget = redisTier == null ? new LocalBudget(limits, clock, () -> 1.0)
          : new SharedBudget(fleetRedis, limits, clock, membership, (upstream, ms) -> {
            var g = runtime == null ? null : runtime.upstreams().guard(upstream);
            if (g != null) {
              g.cooldown().until(clock.millis() + ms);
            }
          });
    }
    Upstreams upstreams = new Upstreams(vertx, cfg.upstreams(), metrics, clock, budget, previous == null ? null : previous.upstreams());
    for (String name : cfg.upstreams().keySet()) {
      // resolved through the current runtime, so a replaced guard is what the gauge reads
      metrics.circuitState(name, () -> {
        var g = runtime.upstreams().guard(name);
        return g == null ? 0 : g.circuitStateCode();
      });
    }
    for (var r : cfg.routeTable().routes()) {
      metrics.route(r.name());
    }
    metrics.route("none");
    CacheStore store = previous != null ? previous.store()
        : new CacheStore(new MemoryTier(cfg.cache().memoryMaxSize(), clock), redisTier, metrics, cfg.cache().memoryMaxSize() > 0);
    Fetcher fetcher = new Fetcher(vertx, upstreams, store, clock, cfg.cache().maxEntrySize(),
        redisTier == null ? null : new FleetLock(fleetRedis), new Normalizers(vertx, cfg.routeTable(), metrics, clock));
    var clients = cfg.clients();
    Purger purger = new Purger(store, clock, bus == null ? null : msg -> bus.publish(msg));
    return new ProxyRuntime(cfg, upstreams, store, fetcher, purger, metrics,
        new AccessLog(cfg.logging().access()), clock, new ClientAuth(clients),
        new Cors(clients == null ? List.of() : clients.corsAllowOrigins()),
        previous != null ? previous.quotas()
            : redisTier == null ? new LocalQuotas(clock) : new SharedQuotas(fleetRedis, new LocalQuotas(clock)));
  }

  /**
   * The shared tier and what rides on the same Redis: the invalidation channel, the fleet
   * heartbeat (for budget shares while Redis is down) and the cross-instance fetch locks.
   * None of it has to be reachable now: everything reconnects with backoff.
   */
  private void startRedis(ProxyConfig cfg) {
    redisTier = new RedisTier(vertx, cfg.redis(), clock);
    fleetRedis = new FleetRedis(redisTier, cfg.redis().commandTimeout().toMillis());
    membership = new FleetMembership(vertx, fleetRedis, clock);
    membership.start();
    bus = new InvalidationBus(vertx, cfg.redis(), msg -> {
      ProxyRuntime rt = runtime;
      if (rt != null && !bus.instanceId().equals(msg.origin())) {
        rt.purger().apply(msg); // a peer's purge: drop our memory copies
      }
    });
    bus.start().onFailure(err -> LOG.warn("invalidation channel not subscribed yet ({}); retrying", err.getMessage()));
    redisTier.onAvailabilityChange(up -> {
      LOG.warn("redis {}", up ? "reachable again: shared cache back on" : "unreachable: serving from memory");
      if (up && runtime != null) {
        runtime.purger().replayPending();
      }
    });
    health.redis(() -> redisTier.available() ? "UP" : "DOWN");
    // a purge announcement can fail while the tier itself stays up (the channel has its own
    // connection): such purges are said again within seconds, not at the next outage
    vertx.setPeriodic(PURGE_RETRY_MS, id -> {
      ProxyRuntime rt = runtime;
      if (rt != null && redisTier.available()) {
        rt.purger().replayPending();
      }
    });
  }

  /** How often purges that Redis did not take are tried again while it is reachable. */
  static final long PURGE_RETRY_MS = 5_000;

  private Map<String, String> upstreamStates() {
    return runtime.upstreams().states();
  }

  private JsonObject details() {
    ProxyRuntime rt = runtime;
    MemoryTier m = rt.store().memory();
    JsonObject ups = new JsonObject();
    rt.upstreams().clients().forEach((name, c) -> ups.put(name, new JsonObject()
        .put("baseUrl", c.options().baseUrl().getScheme() + "://" + c.options().baseUrl().getHost() + ":" + c.options().port())
        .put("state", rt.upstreams().guard(name).state())
        .put("cooldownSeconds", rt.upstreams().guard(name).cooldown().active()
            ? rt.upstreams().guard(name).cooldown().secondsLeft() : 0)
        .put("budget", c.options().rateLimit() == null ? null
            : new JsonObject().put("requests", c.options().rateLimit().requests())
                .put("per", c.options().rateLimit().per().toMillis() + "ms"))));
    return new JsonObject()
        .put("cache", new JsonObject()
            .put("memory", new JsonObject().put("entries", m.entryCount()).put("bytes", m.weightedSize())
                .put("maxBytes", rt.config().cache().memoryMaxSize()))
            .put("redis", redisTier == null ? new JsonObject().put("state", "DISABLED")
                : new JsonObject().put("state", redisTier.available() ? "UP" : "DOWN")
                    .put("hits", redisTier.stats().hits()).put("misses", redisTier.stats().misses())
                    .put("errors", redisTier.stats().lookupErrors())
                    .put("instances", membership.lastSeen())
                    .put("invalidationSubscribed", bus.subscribed())))
        .put("upstreams", ups)
        .put("routes", rt.config().routeTable().size())
        .put("connections", connections == null ? 0 : connections.openConnections());
  }

  private Future<Void> listen() {
    ServerOptions so = config.server();
    ProxyHandler proxy = new ProxyHandler(() -> runtime);
    OpsHandler ops = new OpsHandler(health, metrics, this::details);
    AdminHandler admin = new AdminHandler(() -> runtime, () -> runtime.purger());
    WebhookHandler hooks = new WebhookHandler(() -> runtime, () -> runtime.purger());
    boolean separateAdmin = config.admin().port() != 0;
    RequestDispatcher dispatcher = new RequestDispatcher(proxy, ops, admin, hooks, demo, !separateAdmin,
        () -> runtime.config().admin().allowFrom());
    connections = new ConnectionGuard(vertx, so.maxConnections(), so.requestTimeout().toMillis(), httpOptions(so));
    InvalidRequests invalid = new InvalidRequests(connections);
    Promise<Void> done = Promise.promise();
    Future<Void> adminListening;
    if (!separateAdmin) {
      adminListening = Future.succeededFuture();
    } else {
      RequestDispatcher adminOnly = RequestDispatcher.adminPort(ops, admin, () -> runtime.config().admin().allowFrom());
      adminListening = listenOne(so, config.admin().port(), adminOnly, invalid).map(s -> {
        adminPort = s.actualPort();
        LOG.info("admin listener on {}:{} (/admin, /metrics, /health)", so.host(), adminPort);
        return null;
      });
    }
    // Vert.x shares one socket between listeners asking for the same port; for a random port
    // that is port -1 (port 0 would give every listener a port of its own)
    int requested = so.port() == 0 ? -1 : so.port();
    listenOne(so, requested, dispatcher, invalid)
        .compose(first -> {
          port = first.actualPort();
          List<Future<HttpServer>> rest = new ArrayList<>();
          for (int i = 1; i < instances; i++) {
            rest.add(listenOne(so, requested, dispatcher, invalid));
          }
          return Future.all(rest);
        })
        .compose(v -> adminListening)
        .onComplete(ar -> done.handle(ar.mapEmpty()));
    return done.future();
  }

  private Future<HttpServer> listenOne(ServerOptions so, int p, RequestDispatcher dispatcher, InvalidRequests invalid) {
    HttpServerOptions ho = httpOptions(so).setPort(p);
    // each listener on its own event loop; its result is the deployment's, so a failed listen is
    // reported only once Vert.x has finished with that deployment (closing Vert.x earlier
    // completes the deployment twice)
    ListenerVerticle listener = new ListenerVerticle(ho, dispatcher, invalid, connections);
    return vertx.deployVerticle(listener, new DeploymentOptions())
        .map(id -> listener.server)
        .andThen(ar -> {
          if (ar.succeeded()) {
            synchronized (servers) {
              servers.add(ar.result());
            }
          }
        });
  }

  /** Every listener's options but the port; the request decoder of each connection is built from them too. */
  private static HttpServerOptions httpOptions(ServerOptions so) {
    return new HttpServerOptions()
        .setHost(so.host())
        .setMaxInitialLineLength((int) so.maxUriLength() + 32) // + "GET " and " HTTP/1.1"
        .setMaxHeaderSize((int) so.maxHeaderSize())
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, so.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setTcpNoDelay(true)
        .setCompressionSupported(false)
        .setDecompressionSupported(false)
        // the proxy serves no WebSockets: without compression extensions Vert.x leaves their
        // handler out of every connection's pipeline, one hop less per request
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        // no cleartext HTTP/2: with it on, Vert.x announces a connection only once its first request
        // is complete (so ConnectionGuard cannot time it), and h2c would multiplex past the limits
        .setHttp2ClearTextEnabled(false);
  }

  /** Binds one listener on the verticle's own event loop. */
  private static final class ListenerVerticle extends io.vertx.core.VerticleBase {
    private final HttpServerOptions options;
    private final RequestDispatcher dispatcher;
    private final InvalidRequests invalid;
    private final ConnectionGuard connections;
    private volatile HttpServer server;

    ListenerVerticle(HttpServerOptions options, RequestDispatcher dispatcher, InvalidRequests invalid,
        ConnectionGuard connections) {
      this.options = options;
      this.dispatcher = dispatcher;
      this.invalid = invalid;
      this.connections = connections;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(options)
          .connectionHandler(connections)
          .requestHandler(dispatcher)
          .invalidRequestHandler(invalid)
          .listen()
          .onSuccess(s -> server = s);
    }
  }

  /**
   * Watches {@code file} and swaps in every valid new version (routes, upstreams, policies).
   *
   * @param periodMs how often the file is checked
   */
  public void watch(java.nio.file.Path file, io.wplive.proxy.config.ConfigLoader loader, long periodMs) {
    reloader = new ConfigReloader(vertx, file, loader, metrics, this::reload);
    reloader.start(periodMs);
  }

  /** Swaps in {@code next}; requests in flight finish on the runtime they started with. */
  public void reload(ProxyConfig next) {
    ProxyRuntime old = runtime;
    List<String> restartOnly = next.restartOnlyChanges(old.config());
    if (!restartOnly.isEmpty()) {
      LOG.warn("config reload: changes to {} take effect on restart", String.join(", ", restartOnly));
    }
    ProxyRuntime fresh = buildRuntime(next, old);
    runtime = fresh;
    LOG.info("config reloaded: {} routes, {} upstreams", next.routeTable().size(), next.upstreams().size());
    // in-flight requests of the old configuration get the shutdown grace to finish
    vertx.setTimer(Math.max(1, old.config().server().shutdownGrace().toMillis()),
        t -> old.upstreams().closeUnusedBy(fresh.upstreams()));
  }

  public int port() {
    return port;
  }

  /** The admin listener's port, or -1 when admin paths share the public port. */
  public int adminPort() {
    return adminPort;
  }

  /** The demo listener's port, or -1 when disabled. */
  public int demoPort() {
    return demo == null ? -1 : demo.port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public HealthState health() {
    return health;
  }

  public ProxyRuntime runtime() {
    return runtime;
  }

  /**
   * Graceful stop (SPEC §2): ready turns 503 at once, listeners keep accepting for
   * {@code drainDelay}, then stop accepting while in-flight requests get {@code shutdownGrace}.
   */
  public synchronized Future<Void> stop() {
    if (vertx == null) {
      return Future.succeededFuture();
    }
    if (stopping != null) {
      return stopping; // a second signal, or a test stopping twice: the same stop
    }
    stopping = stopNow();
    return stopping;
  }

  private Future<Void> stopNow() {
    health.phase(HealthState.Phase.DRAINING);
    if (reloader != null) {
      reloader.stop();
    }
    ServerOptions so = config.server();
    Promise<Void> drained = Promise.promise();
    long delay = so.drainDelay().toMillis();
    if (delay > 0) {
      vertx.setTimer(delay, t -> drained.complete());
    } else {
      drained.complete();
    }
    return drained.future()
        .compose(v -> {
          List<Future<Void>> closing = new ArrayList<>();
          synchronized (servers) {
            for (HttpServer s : servers) {
              closing.add(s.shutdown(so.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
          }
          return Future.join(closing);
        })
        .transform(ar -> runtime == null ? Future.succeededFuture() : runtime.upstreams().close())
        .transform(ar -> membership == null ? Future.succeededFuture() : membership.stop())
        .transform(ar -> bus == null ? Future.succeededFuture() : bus.close())
        .transform(ar -> redisTier == null ? Future.succeededFuture() : redisTier.close())
        .transform(ar -> demo == null ? Future.succeededFuture() : demo.close())
        .transform(ar -> vertx.close());
  }
}

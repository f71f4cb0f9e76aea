package io.wplive.proxy.proxy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.SingleFlight;
import io.wplive.proxy.http.CacheStatus;
import io.wplive.proxy.http.PercentCoding;
import io.wplive.proxy.http.QueryString;
import io.wplive.proxy.observability.ProxyMetrics.Outcome;
import io.wplive.proxy.routing.PathGuard;
import io.wplive.proxy.routing.Route;
import io.wplive.proxy.routing.RouteMatch;
import io.wplive.proxy.config.RateLimitOptions;
import io.wplive.proxy.resilience.TokenBucket;
import io.wplive.proxy.security.Cors;
import io.wplive.proxy.normalize.BadPageException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxied request from top to bottom: refuse what is not ours, route, then answer from the
 * cache (fresh hit, stale, or one coalesced upstream fetch) or pass the request through.
 * Every error answer goes through {@link #fail}; every answer ends in {@link #done}.
 */
public final class ProxyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);

  private final Supplier<ProxyRuntime> runtime;

  /** @param runtime the current configuration's runtime (swapped on reload) */
  public ProxyHandler(Supplier<ProxyRuntime> runtime) {
    this.runtime = runtime;
  }

  public void handle(HttpServerRequest req) {
    ProxyRuntime rt = runtime.get();
    Exchange ex = new Exchange(req, Vertx.currentContext(), System.nanoTime(),
        RequestIds.fromClient(req.headers().get(Headers.X_REQUEST_ID)));
    if (rt.cors().enabled()) {
      rt.cors().decorate(req, ex.response.headers());
    }
    safely(rt, ex, () -> route(rt, ex));
  }

  /** Runs a step of the request; bad input becomes a 400, a bug a 500 without a stack trace to the client. */
  private static void safely(ProxyRuntime rt, Exchange ex, Runnable step) {
    try {
      step.run();
    } catch (PercentCoding.MalformedException | QueryString.TooManyParamsException | BadPageException e) {
      fail(rt, ex, new ProxyFailure(ErrorCode.BAD_REQUEST, e.getMessage()));
    } catch (RuntimeException e) {
      LOG.error("request {} failed unexpectedly", ex.requestId, e);
      fail(rt, ex, new ProxyFailure(ErrorCode.INTERNAL, "internal error"));
    }
  }

  private void route(ProxyRuntime rt, Exchange ex) {
    HttpServerRequest req = ex.request;
    String uri = req.uri();
    // absolute-form ("GET http://host/…"), authority-form (CONNECT) and "*" never select an
    // upstream: this is not an open proxy
    if (req.method() == HttpMethod.CONNECT || uri.isEmpty() || uri.charAt(0) != '/') {
      fail(rt, ex, new ProxyFailure(ErrorCode.ROUTE_NOT_FOUND, "no route for this request"));
      return;
    }
    String path = req.path();
    String unsafe = PathGuard.check(path);
    if (unsafe != null) {
      fail(rt, ex, new ProxyFailure(ErrorCode.BAD_REQUEST, unsafe));
      return;
    }
    RouteMatch match = rt.config().routeTable().match(path);
    if (match == null) {
      fail(rt, ex, new ProxyFailure(ErrorCode.ROUTE_NOT_FOUND, "no route for " + path));
      return;
    }
    Route route = match.route();
    ex.route = route;
    if (rt.cors().enabled() && Cors.isPreflight(req)) {
      rt.cors().preflight(req, route.allowHeader()); // before any key or method check
      done(rt, ex, Outcome.BYPASS);
      return;
    }
    if (rt.clientAuth().enabled()) {
      ex.client = rt.clientAuth().authenticate(req);
      if (ex.client == null) {
        ex.response.headers().set("WWW-Authenticate", "Bearer");
        fail(rt, ex, new ProxyFailure(ErrorCode.UNAUTHORIZED, "a valid API key is required (X-Api-Key or Authorization: Bearer)"));
        return;
      }
    }
    RateLimitOptions quota = quotaFor(rt, ex);
    if (quota != null) {
      String bucket = ex.client != null ? "client:" + ex.client.name() : "ip:" + ForwardHeaders.clientIp(req, rt.config().server().trustedProxies());
      Future<TokenBucket.Take> taken = rt.quotas().take(bucket, quota);
      if (!taken.isComplete()) {
        req.pause(); // a body arriving while the quota is checked in Redis must wait, not be dropped
        ex.paused = true;
      }
      onContext(ex.context, taken).onComplete(ar -> {
        TokenBucket.Take take = ar.result();
        var h = ex.response.headers();
        h.set("RateLimit-Limit", Integer.toString(take.limit()));
        h.set("RateLimit-Remaining", Long.toString(take.remaining()));
        h.set("RateLimit-Reset", Long.toString(take.allowed() ? Math.max(1, take.windowMs() / 1000) : take.retryAfterSeconds()));
        if (!take.allowed()) {
          fail(rt, ex, new ProxyFailure(ErrorCode.RATE_LIMITED, "too many requests; retry after " + take.retryAfterSeconds() + " s",
              take.retryAfterSeconds(), 0, null));
          return;
        }
        safely(rt, ex, () -> routed(rt, ex, match));
      });
      return;
    }
    routed(rt, ex, match);
  }

  /** The quota this request counts against: its key's, else its IP's (keyless setups), else none. */
  private static RateLimitOptions quotaFor(ProxyRuntime rt, Exchange ex) {
    if (ex.client != null && ex.client.key().rateLimit() != null) {
      return ex.client.key().rateLimit();
    }
    var clients = rt.config().clients();
    return ex.client == null && clients != null ? clients.ipRateLimit() : null;
  }

  private void routed(ProxyRuntime rt, Exchange ex, RouteMatch match) {
    HttpServerRequest req = ex.request;
    Route route = match.route();
    if (!route.allows(req.method().name())) {
      ex.response.headers().set(Headers.ALLOW, route.allowHeader());
      fail(rt, ex, new ProxyFailure(ErrorCode.METHOD_NOT_ALLOWED,
          "method " + req.method().name() + " is not allowed on route " + route.name()));
      return;
    }
    String basePath = rt.upstreams().client(route.upstream()).basePath();
    ex.target = CacheKeys.resolve(match, basePath, req.query(), rt.config().server().maxQueryParams(), req.headers());
    boolean cacheable = (ex.method == HttpMethod.GET || ex.method == HttpMethod.HEAD)
        && !ForwardHeaders.carriesForwardedCredentials(req, route);
    if (cacheable) {
      ex.resumeIfPaused();
      fromCache(rt, ex);
    } else {
      PassThrough.forward(rt, ex, ex.method == HttpMethod.GET || ex.method == HttpMethod.HEAD ? "bypass" : "method");
    }
  }

  private void fromCache(ProxyRuntime rt, Exchange ex) {
    long now = rt.clock().millis();
    ex.sharedDown = rt.store().sharedDown();
    if (ex.route.cache().honorCacheControl() && clientDirectives(rt, ex)) {
      return;
    }
    String key = ex.target.cacheKey();
    CachedResponse e = rt.store().memoryGet(key);
    if (e != null && e.varyHeaders().isEmpty() && e.isFresh(now) && !ex.clientNoCache) {
      ResponseWriter.hit(ex, e, now, ex.route.cache().clientCacheControl());
      done(rt, ex, Outcome.HIT);
      if (e.dueForRefreshAhead(now)) {
        refreshInBackground(rt, ex, e); // hot keys are renewed before they go stale
      }
      return;
    }
    if (e != null && !e.isFresh(now) && rt.store().shared() != null && !ex.clientNoCache) {
      // our memory copy is stale, but another instance may have refreshed it in Redis already
      CachedResponse mine = e;
      onContext(ex.context, rt.store().sharedGet(key)).onComplete(ar -> {
        CachedResponse theirs = ar.succeeded() ? ar.result() : null;
        withVariant(rt, ex, theirs != null && theirs.storedAt() > mine.storedAt() ? theirs : mine, false);
      });
      return;
    }
    if (e != null) {
      withVariant(rt, ex, e, true);
      return;
    }
    if (rt.store().shared() == null) {
      fromEntry(rt, ex, null);
      return;
    }
    onContext(ex.context, rt.store().sharedGet(key)).onComplete(ar -> {
      CachedResponse shared = ar.succeeded() ? ar.result() : null;
      if (shared == null) {
        fromEntry(rt, ex, null);
      } else {
        withVariant(rt, ex, shared, false);
      }
    });
  }

  /**
   * An entry was found under the base key. If the upstream said {@code Vary}, the variant for
   * this request's header values is what counts (memory, then the shared tier).
   */
  private void withVariant(ProxyRuntime rt, Exchange ex, CachedResponse base, boolean fromMemory) {
    if (base.varyHeaders().isEmpty()) {
      serveFound(rt, ex, base);
      return;
    }
    String variant = CacheKeys.variantKey(ex.target.cacheKey(), base.varyHeaders(), ex.request.headers());
    ex.flightKey = variant;
    CachedResponse e = rt.store().memoryGet(variant);
    if (e != null || rt.store().shared() == null) {
      serveFound(rt, ex, e);
      return;
    }
    onContext(ex.context, rt.store().sharedGet(variant)).onComplete(ar -> serveFound(rt, ex, ar.succeeded() ? ar.result() : null));
  }

  /**
   * A client's own Cache-Control, honoured only in honorCacheControl mode as RFC 9111 §5.2.1
   * says: {@code no-store} bypasses the cache, {@code no-cache} / {@code max-age=0} /
   * {@code Pragma: no-cache} force a revalidation, {@code only-if-cached} never calls upstream.
   *
   * @return whether the request was answered here
   */
  private boolean clientDirectives(ProxyRuntime rt, Exchange ex) {
    var h = ex.request.headers();
    if (!h.contains("cache-control") && !h.contains("pragma")) {
      return false;
    }
    io.wplive.proxy.http.CacheControl cc = io.wplive.proxy.http.CacheControl.parse(h.getAll("cache-control"));
    if (cc.noStore()) {
      PassThrough.forward(rt, ex, "bypass");
      return true;
    }
    boolean pragmaNoCache = !h.contains("cache-control") && h.get("pragma") != null && h.get("pragma").toLowerCase(java.util.Locale.ROOT).contains("no-cache");
    ex.clientNoCache = cc.noCache() || cc.maxAge() == 0 || pragmaNoCache;
    ex.onlyIfCached = cc.onlyIfCached();
    return false;
  }

  private void serveFound(ProxyRuntime rt, Exchange ex, CachedResponse e) {
    long now = rt.clock().millis();
    if (e != null && e.isFresh(now) && !ex.clientNoCache) {
      ResponseWriter.hit(ex, e, now, ex.route.cache().clientCacheControl());
      done(rt, ex, Outcome.HIT);
      if (e.dueForRefreshAhead(now)) {
        refreshInBackground(rt, ex, e);
      }
    } else {
      fromEntry(rt, ex, e);
    }
  }

  /** No fresh entry: serve stale while refreshing, or fetch (falling back to stale on failure). */
  private void fromEntry(ProxyRuntime rt, Exchange ex, CachedResponse stale) {
    long now = rt.clock().millis();
    if (ex.onlyIfCached) {
      if (stale != null && !ex.clientNoCache && stale.inStaleWhileRevalidate(now)) {
        ResponseWriter.answer(ex, stale, now, CacheStatus.staleHit(stale.ttlSeconds(now), "stale-while-revalidate"),
            Headers.X_STALE, true, ex.route.cache().clientCacheControl(), null);
        done(rt, ex, Outcome.STALE);
      } else {
        fail(rt, ex, new ProxyFailure(ErrorCode.UPSTREAM_TIMEOUT, "only-if-cached: nothing usable is stored", 0, 0, "only-if-cached"));
      }
      return;
    }
    if (stale != null && !ex.clientNoCache && stale.inStaleWhileRevalidate(now)) {
      refreshInBackground(rt, ex, stale);
      ResponseWriter.answer(ex, stale, now, CacheStatus.staleHit(stale.ttlSeconds(now), "stale-while-revalidate"),
          Headers.X_STALE, true, ex.route.cache().clientCacheControl(), null);
      done(rt, ex, Outcome.STALE);
      return;
    }
    String flightKey = ex.flightKey != null ? ex.flightKey : ex.target.cacheKey();
    SingleFlight.Joined<Fetched> joined = rt.fetcher().fetch(ex.route, ex.target, () -> forwardHeaders(rt, ex), stale, false, flightKey);
    ex.upstreamTried = true;
    onContext(ex.context, joined.result()).onComplete(ar -> {
      if (ar.succeeded() && !joined.leader() && !sameVariant(ex, ar.result())) {
        // the answer varies by a header this request sends differently: fetch our own variant
        ex.flightKey = CacheKeys.variantKey(ex.target.cacheKey(), ar.result().answer().varyHeaders(), ex.request.headers());
        fromEntry(rt, ex, stale);
      } else if (ar.succeeded()) {
        answerFetched(rt, ex, ar.result(), joined.leader(), stale != null);
      } else {
        ProxyFailure f = asFailure(ar.cause());
        ex.upstreamStatus = f.upstreamStatus();
        long t = rt.clock().millis();
        if (stale != null && stale.inStaleIfError(t)) {
          String status = "rate-limited".equals(f.detail()) || "circuit-open".equals(f.detail())
              ? CacheStatus.staleHit(stale.ttlSeconds(t), f.detail())
              : CacheStatus.staleIfError(f.upstreamStatus(), stale.ttlSeconds(t));
          ResponseWriter.answer(ex, stale, t, status, Headers.X_STALE, true, ex.route.cache().clientCacheControl(), null);
          done(rt, ex, Outcome.STALE);
        } else if (f.relay() != null) {
          ResponseWriter.answer(ex, f.relay(), t, CacheStatus.miss(f.upstreamStatus(), false, 0), Headers.X_MISS,
              false, null, "no-store");
          done(rt, ex, Outcome.MISS);
        } else {
          fail(rt, ex, f);
        }
      }
    });
  }

  private static boolean sameVariant(Exchange ex, Fetched f) {
    return f.variantKey() == null
        || f.variantKey().equals(CacheKeys.variantKey(ex.target.cacheKey(), f.answer().varyHeaders(), ex.request.headers()));
  }

  private void refreshInBackground(ProxyRuntime rt, Exchange ex, CachedResponse stale) {
    String flightKey = ex.flightKey != null ? ex.flightKey : ex.target.cacheKey();
    if (rt.fetcher().fetching(flightKey)) {
      return;
    }
    rt.fetcher().fetch(ex.route, ex.target, () -> forwardHeaders(rt, ex), stale, true, flightKey).result()
        .onFailure(err -> LOG.debug("background refresh of route {} failed: {}", ex.route.name(), err.getMessage()));
  }

  private void answerFetched(ProxyRuntime rt, Exchange ex, Fetched f, boolean leader, boolean hadStale) {
    long now = rt.clock().millis();
    ex.upstreamStatus = f.upstreamStatus();
    ex.upstreamMs = f.fromPeer() ? 0 : f.upstreamMs(); // this instance did not call the upstream
    CachedResponse a = f.answer();
    long ttl = a.ttlSeconds(now);
    String status = f.revalidated() || hadStale
        ? CacheStatus.revalidated(f.upstreamStatus(), f.stored(), ttl)
        : CacheStatus.miss(f.upstreamStatus(), f.stored(), ttl);
    if (!leader || f.fromPeer()) {
      status += "; collapsed";
    } else {
      for (String cookie : f.setCookies()) {
        ex.response.headers().add("Set-Cookie", cookie);
      }
    }
    CharSequence x = f.revalidated() ? Headers.X_HIT : Headers.X_MISS;
    ResponseWriter.answer(ex, a, now, status, x, f.stored(), ex.route.cache().clientCacheControl(), f.upstreamCacheControl());
    done(rt, ex, f.revalidated() ? Outcome.HIT : Outcome.MISS);
  }

  private static io.vertx.core.MultiMap forwardHeaders(ProxyRuntime rt, Exchange ex) {
    var server = rt.config().server();
    String ip = ForwardHeaders.clientIp(ex.request, server.trustedProxies());
    boolean trusted = ex.request.remoteAddress() != null
        && ForwardHeaders.isTrusted(ex.request.remoteAddress().hostAddress(), server.trustedProxies());
    return ForwardHeaders.build(ex.request, ex.route, true, ip, trusted, ex.requestId, ex.authHeader());
  }

  static ProxyFailure asFailure(Throwable err) {
    if (err instanceof ProxyFailure pf) {
      return pf;
    }
    LOG.error("upstream fetch failed unexpectedly", err);
    return new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream call failed");
  }

  /** The one way an error answer is sent. */
  static void fail(ProxyRuntime rt, Exchange ex, ProxyFailure f) {
    ex.resumeIfPaused();
    if (!ex.response.headWritten()) {
      ex.response.headers().set(Headers.VIA, Headers.VIA_VALUE);
      ex.response.headers().set(Headers.X_REQUEST_ID, ex.requestId);
    }
    ErrorResponses.send(ex.response, ex.head, f, ex.routeName(), ex.requestId, ex.upstreamTried);
    done(rt, ex, Outcome.ERROR);
  }

  /** Metrics and the access log line of every answer. */
  static void done(ProxyRuntime rt, Exchange ex, Outcome outcome) {
    ex.outcome = outcome;
    rt.metrics().request(ex.route == null ? "none" : ex.route.name(), outcome);
    if (rt.accessLog().enabled()) {
      rt.accessLog().log(ex.requestId, ex.routeName(), ex.method.name(), ex.request.path(),
          ex.response.getStatusCode(), outcome.name().toLowerCase(java.util.Locale.ROOT), ex.upstreamStatus,
          ex.upstreamMs, (System.nanoTime() - ex.startNanos) / 1000);
    }
  }

  /** Completes on {@code ctx}: answers to a request are written from its own event loop. */
  static <T> Future<T> onContext(Context ctx, Future<T> f) {
    if (ctx == null) {
      return f;
    }
    Promise<T> p = Promise.promise();
    f.onComplete(ar -> {
      if (Vertx.currentContext() == ctx) {
        p.handle(ar);
      } else {
        ctx.runOnContext(v -> p.handle(ar));
      }
    });
    return p.future();
  }
}

package io.wplive.proxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.cache.CacheStore;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.SingleFlight;
import io.wplive.proxy.http.RetryAfter;
import io.wplive.proxy.http.StoragePolicy;
import io.wplive.proxy.routing.Route;
import io.wplive.proxy.upstream.UpstreamRequest;
import io.wplive.proxy.upstream.UpstreamResponse;
import io.wplive.proxy.upstream.Upstreams;
import java.time.Clock;
import java.util.List;

/**
 * Fetches a cacheable answer from its upstream, once per key however many requests need it,
 * decides whether and how long to store it, and stores it. Upstream statuses are sorted here
 * (SPEC §4 "Upstream statuses"): what is an answer and what is a failure.
 */
public final class Fetcher {
  private final Upstreams upstreams;
  private final CacheStore store;
  private final Clock clock;
  private final long maxEntrySize;
  private final SingleFlight<Fetched> flights = new SingleFlight<>();

  public Fetcher(Upstreams upstreams, CacheStore store, Clock clock, long maxEntrySize) {
    this.upstreams = upstreams;
    this.store = store;
    this.clock = clock;
    this.maxEntrySize = maxEntrySize;
  }

  /**
   * Joins the fetch of {@code target}'s key, starting it when none runs.
   *
   * @param headers the headers to send upstream (of the request that starts the fetch)
   * @param stale the stored entry being refreshed, for a conditional request, or {@code null}
   */
  public SingleFlight.Joined<Fetched> fetch(Route route, RequestTarget target, MultiMap headers, CachedResponse stale) {
    return fetch(route, target, headers, stale, false);
  }

  /** @param background nobody waits for this fetch (stale-while-revalidate, refresh-ahead) */
  public SingleFlight.Joined<Fetched> fetch(Route route, RequestTarget target, MultiMap headers, CachedResponse stale,
      boolean background) {
    return flights.join(target.cacheKey(), () -> fetchNow(route, target, headers, stale, background));
  }

  /** Whether a fetch for {@code key} is under way (a background refresh need not start another). */
  public boolean fetching(String key) {
    return flights.running(key);
  }

  private Future<Fetched> fetchNow(Route route, RequestTarget target, MultiMap headers, CachedResponse stale, boolean background) {
    if (stale != null && stale.revalidatable()) {
      if (stale.etag() != null && !stale.etag().startsWith("\"wplp-")) {
        headers.set("If-None-Match", stale.etag());
      }
      if (stale.lastModified() != null) {
        headers.set("If-Modified-Since", stale.lastModified());
      }
    }
    // a HEAD miss fetches with GET, so the entry can answer GETs too
    UpstreamRequest request = new UpstreamRequest(HttpMethod.GET, target.upstreamUri(), headers, null);
    return upstreams.call(route.upstream(), request, background).compose(resp -> interpret(route, target, resp, stale));
  }

  private Future<Fetched> interpret(Route route, RequestTarget target, UpstreamResponse resp, CachedResponse stale) {
    int status = resp.status();
    long now = clock.millis();
    MultiMap h = resp.headers();
    if (status == 304 && stale != null) {
      return Future.succeededFuture(renew(route, target, stale, h, now, resp.durationMs()));
    }
    ProxyFailure failure = failureFor(route, resp, now);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    StoragePolicy.Decision decision = StoragePolicy.decide(status, h, route.cache(), false, now);
    if (decision.store() && resp.body().length() > maxEntrySize) {
      decision = new StoragePolicy.Decision(false, "TOO-LARGE", 0, 0, 0, false, 0);
    }
    CachedResponse entry = EntryFactory.build(route, status, h, resp.body(), decision, now, List.of());
    if (decision.store()) {
      store.put(target.cacheKey(), entry);
    }
    return Future.succeededFuture(new Fetched(entry, status, decision.store(), false, h.get("cache-control"),
        h.getAll("set-cookie"), resp.durationMs()));
  }

  /** A 304 renews the stored entry: new times, same body, no transfer. */
  private Fetched renew(Route route, RequestTarget target, CachedResponse stale, MultiMap h, long now, long upstreamMs) {
    MultiMap withValidators = MultiMap.caseInsensitiveMultiMap().addAll(h);
    if (!withValidators.contains("etag") && stale.etag() != null) {
      withValidators.set("etag", stale.etag());
    }
    StoragePolicy.Decision d = StoragePolicy.decide(stale.status(), withValidators, route.cache(), false, now);
    CachedResponse.Builder b = stale.toBuilder().storedAt(now).initialAge(d.initialAgeMs());
    if (d.store()) {
      b.freshUntil(d.freshUntil()).swrUntil(d.swrUntil()).sieUntil(d.sieUntil()).mustRevalidate(d.mustRevalidate());
    } else {
      b.freshUntil(now).swrUntil(now).sieUntil(now);
    }
    CachedResponse renewed = b.build();
    if (d.store()) {
      store.put(target.cacheKey(), renewed);
    }
    return new Fetched(renewed, 304, d.store(), true, null, List.of(), upstreamMs);
  }

  /** The answers a client must not get as they are; {@code null} for a relayable answer. */
  static ProxyFailure failureFor(Route route, UpstreamResponse resp, long now) {
    int status = resp.status();
    MultiMap h = resp.headers();
    if (status == 429 || (status == 503 && h.contains("retry-after"))) {
      long wait = RetryAfter.seconds(h.get("retry-after"), now, 1);
      return new ProxyFailure(ErrorCode.UPSTREAM_RATE_LIMITED,
          "upstream " + route.upstream() + " is rate limiting; retry later", wait, status, "rate-limited");
    }
    if (status == 401 || status == 403) {
      return new ProxyFailure(ErrorCode.UPSTREAM_ERROR,
          "upstream " + route.upstream() + " refused the proxy's credentials", 0, status, null);
    }
    if (status >= 500 || status == 304 || status < 200) {
      ProxyFailure f = new ProxyFailure(ErrorCode.UPSTREAM_ERROR,
          "upstream " + route.upstream() + " answered " + status, 0, status, null);
      if (route.options().relayErrors() && status >= 500) {
        return f.withRelay(EntryFactory.build(route, status, h, resp.body(),
            new StoragePolicy.Decision(false, null, 0, 0, 0, false, 0), now, List.of()));
      }
      return f;
    }
    return null;
  }
}

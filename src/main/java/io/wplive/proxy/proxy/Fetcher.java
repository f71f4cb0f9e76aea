package io.wplive.proxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.fleet.FleetLock;
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
import java.util.function.Supplier;

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
  private final FleetLock fleetLock;
  private final Vertx vertx;
  private final Normalizers normalizers;

  /** How often an instance waiting on another's fetch looks for the answer in Redis. */
  static final long PEER_POLL_MS = 20;

  /**
   * How long an owner's outcome stays in Redis. Waiters read it within a poll or two of the
   * release; the margin is for a busy machine. Waiters only take the outcome of the fetch they
   * watched, so a longer life would never make it a cache, only waste memory.
   */
  static final long OUTCOME_TTL_MS = 5_000;

  /**
   * @param fleetLock the cross-instance fetch lock (Redis), or {@code null} for one instance
   */
  public Fetcher(Vertx vertx, Upstreams upstreams, CacheStore store, Clock clock, long maxEntrySize, FleetLock fleetLock,
      Normalizers normalizers) {
    this.vertx = vertx;
    this.normalizers = normalizers;
    this.upstreams = upstreams;
    this.store = store;
    this.clock = clock;
    this.maxEntrySize = maxEntrySize;
    this.fleetLock = fleetLock;
  }

  /**
   * Joins the fetch of {@code target}'s key, starting it when none runs.
   *
   * @param headers the headers to send upstream, built only if this request starts the fetch
   *     (in a herd, the requests that join need none)
   * @param stale the stored entry being refreshed, for a conditional request, or {@code null}
   * @param background nobody waits for this fetch (stale-while-revalidate, refresh-ahead)
   * @param flightKey what concurrent requests coalesce on: the cache key, or the key of one
   *     variant when the upstream is known to answer differently per request header ({@code Vary})
   */
  public SingleFlight.Joined<Fetched> fetch(Route route, RequestTarget target, Supplier<MultiMap> headers, CachedResponse stale,
      boolean background, String flightKey) {
    return flights.join(flightKey, () -> fetchNow(route, target, headers.get(), stale, background));
  }

  /** Whether a fetch for {@code key} is under way (a background refresh need not start another). */
  public boolean fetching(String key) {
    return flights.running(key);
  }

  /**
   * With Redis, one fetch per key for the whole fleet: the instance that takes the key's lock
   * fetches; the others wait for its answer, which is the entry it stored in Redis or, when
   * nothing was stored, the outcome it left next to the lock ({@link FetchOutcome}). One of them
   * takes over if the lock goes with neither (its owner died, or Redis lost the write).
   */
  private Future<Fetched> fetchNow(Route route, RequestTarget target, MultiMap headers, CachedResponse stale, boolean background) {
    if (fleetLock == null || !fleetLock.usable()) {
      return fetchUpstream(route, target, headers, stale, background);
    }
    long timeout = upstreams.client(route.upstream()).timeoutMs();
    long lockTtl = timeout + 1000;
    long waitUntil = clock.millis() + lockTtl + timeout;
    String owner = FleetLock.newOwner();
    String key = target.cacheKey();
    return fleetLock.acquire(key, owner, lockTtl).transform(ar -> {
      if (ar.failed() || ar.result() == null) {
        return fetchUpstream(route, target, headers, stale, background); // Redis trouble: fetch alone
      }
      if (owner.equals(ar.result())) {
        return fetchAsOwner(route, target, headers, stale, background, owner);
      }
      Promise<Fetched> answer = Promise.promise();
      waitForPeer(route, target, headers, stale, background, owner, ar.result(), lockTtl, waitUntil, answer);
      return answer.future();
    });
  }

  /**
   * Fetches holding the lock, then releases it in the background. When the answer is not in
   * Redis for the waiters to find, and another instance awaits it, the outcome goes with the
   * release.
   */
  private Future<Fetched> fetchAsOwner(Route route, RequestTarget target, MultiMap headers, CachedResponse stale,
      boolean background, String owner) {
    String key = target.cacheKey();
    return fetchUpstream(route, target, headers, stale, background).andThen(ar -> {
      if (!worthSharing(ar.succeeded() ? ar.result() : null, ar.cause())) {
        fleetLock.release(key, owner);
        return;
      }
      fleetLock.releaseUnlessAwaited(key, owner).onComplete(awaited -> {
        Buffer outcome = awaited.succeeded() && awaited.result() ? encode(key, owner, ar.result(), ar.cause()) : null;
        if (outcome != null) {
          fleetLock.release(key, owner, outcome, OUTCOME_TTL_MS);
        } else if (awaited.failed() || awaited.result()) {
          fleetLock.release(key, owner); // Redis trouble, or nothing encodable: the waiters fetch themselves
        }
      });
    });
  }

  /**
   * Whether waiters need this result in an outcome: not when it is stored (they read the entry),
   * nor when they should rather fetch themselves.
   *
   * <p>A failure is shared only when the upstream answered (a 5xx, a 429, a body that cannot be
   * normalized): that answer is the upstream's word for the whole fleet. Without an answer (a
   * timeout, a refused connection, this instance's own full bulkhead, open circuit or spent
   * budget) the upstream may never have seen the request and the cause may be this instance
   * alone, so a waiter takes over as before. A body too large for Redis is not shared either.
   */
  private boolean worthSharing(Fetched fetched, Throwable failure) {
    if (fetched != null) {
      return !fetched.stored() && fetched.answer().bodySize() <= maxEntrySize;
    }
    return failure instanceof ProxyFailure pf && pf.upstreamStatus() > 0
        && (pf.relay() == null || pf.relay().bodySize() <= maxEntrySize);
  }

  /** The outcome of a result {@link #worthSharing worth sharing}, or {@code null} if it cannot be encoded. */
  private static Buffer encode(String key, String owner, Fetched fetched, Throwable failure) {
    try {
      return fetched != null ? FetchOutcome.answer(owner, key, fetched) : FetchOutcome.failure(owner, key, (ProxyFailure) failure);
    } catch (RuntimeException unencodable) {
      return null; // e.g. more headers than the entry format holds
    }
  }

  /**
   * Waits while {@code watched} holds the lock, then answers from what it left: its outcome, or
   * the entry it stored; with neither, takes the lock (or watches whoever took it).
   */
  private void waitForPeer(Route route, RequestTarget target, MultiMap headers, CachedResponse stale, boolean background,
      String owner, String watched, long lockTtl, long waitUntil, Promise<Fetched> answer) {
    String key = target.cacheKey();
    fleetLock.holder(key).onComplete(h -> {
      if (h.failed()) {
        fetchUpstream(route, target, headers, stale, background).onComplete(answer); // Redis trouble: fetch alone
      } else if (watched.equals(h.result())) {
        if (!timedOut(route, waitUntil, answer)) {
          vertx.setTimer(PEER_POLL_MS, t -> waitForPeer(route, target, headers, stale, background, owner, watched, lockTtl, waitUntil, answer));
        }
      } else {
        fleetLock.outcome(key).otherwise((Buffer) null).onComplete(o -> {
          FetchOutcome.Decoded outcome = FetchOutcome.decode(o.result());
          if (outcome != null && outcome.owner().equals(watched) && outcome.cacheKey().equals(key)
              && fitsVariant(outcome.answer(), key, headers)) {
            if (outcome.failure() != null) {
              answer.tryFail(outcome.failure());
            } else {
              answer.tryComplete(outcome.answer());
            }
          } else {
            afterPeer(route, target, headers, stale, background, owner, lockTtl, waitUntil, answer);
          }
        });
      }
    });
  }

  /**
   * The holder we watched is gone without an outcome for us. Its answer may be stored (read only
   * now: the entry is written before the lock is released, so it is there if it ever will be);
   * else take the lock, or wait for whoever took it.
   */
  private void afterPeer(Route route, RequestTarget target, MultiMap headers, CachedResponse stale, boolean background,
      String owner, long lockTtl, long waitUntil, Promise<Fetched> answer) {
    String key = target.cacheKey();
    store.shared().get(key).otherwise((CachedResponse) null).onComplete(ar -> {
      CachedResponse e = ar.result();
      if (e != null && (stale == null || e.storedAt() > stale.storedAt())) {
        store.memory().putNow(key, e);
        answer.tryComplete(new Fetched(e, e.status(), true, false, null, List.of(), 0, null, true));
        return;
      }
      if (timedOut(route, waitUntil, answer)) {
        return;
      }
      fleetLock.acquire(key, owner, lockTtl).onComplete(acq -> {
        if (acq.failed() || acq.result() == null) {
          fetchUpstream(route, target, headers, stale, background).onComplete(answer); // Redis trouble: fetch alone
        } else if (owner.equals(acq.result())) {
          fetchAsOwner(route, target, headers, stale, background, owner).onComplete(answer);
        } else {
          String next = acq.result();
          vertx.setTimer(PEER_POLL_MS, t -> waitForPeer(route, target, headers, stale, background, owner, next, lockTtl, waitUntil, answer));
        }
      });
    });
  }

  /** Fails {@code answer} when the wait is over; whether it was. */
  private boolean timedOut(Route route, long waitUntil, Promise<Fetched> answer) {
    if (clock.millis() < waitUntil) {
      return false;
    }
    answer.tryFail(new ProxyFailure(ErrorCode.UPSTREAM_TIMEOUT,
        "upstream " + route.upstream() + " did not answer in time (another instance was fetching)", 0, 0, "timeout"));
    return true;
  }

  /**
   * An answer that varies by request headers ({@code Vary}) is only for waiters that send the
   * same values; the others fetch their own variant.
   */
  private static boolean fitsVariant(Fetched f, String cacheKey, MultiMap headers) {
    return f == null || f.variantKey() == null
        || f.variantKey().equals(CacheKeys.variantKey(cacheKey, f.answer().varyHeaders(), headers));
  }

  private Future<Fetched> fetchUpstream(Route route, RequestTarget target, MultiMap headers, CachedResponse stale, boolean background) {
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
    return upstreams.call(route.upstream(), request, background).compose(resp -> interpret(route, target, resp, stale, headers));
  }


  private Future<Fetched> interpret(Route route, RequestTarget target, UpstreamResponse resp, CachedResponse stale,
      MultiMap requestHeaders) {
    int status = resp.status();
    long now = clock.millis();
    MultiMap h = resp.headers();
    if (status == 304 && stale != null) {
      return renew(route, target, stale, h, now, resp.durationMs(), requestHeaders);
    }
    ProxyFailure failure = failureFor(route, resp, now);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    if (status == 200 && normalizers.has(route.name())) {
      if (resp.body().length() > maxEntrySize) {
        return Future.failedFuture(new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream " + route.upstream()
            + " sent a body larger than cache.maxEntrySize for route " + route.name() + "; it is not normalized", 0, status, null));
      }
      return normalizers.normalize(route, resp, target.page())
          .compose(normalized -> store(route, target, normalized, stale, now, requestHeaders));
    }
    return store(route, target, resp, stale, now, requestHeaders);
  }

  /** The storage decision, the entry, and the write to both tiers. */
  private Future<Fetched> store(Route route, RequestTarget target, UpstreamResponse resp, CachedResponse stale, long now,
      MultiMap requestHeaders) {
    int status = resp.status();
    MultiMap h = resp.headers();
    StoragePolicy.Decision decision = StoragePolicy.decide(status, h, route.cache(), false, now);
    if (decision.store() && resp.body().length() > maxEntrySize) {
      decision = new StoragePolicy.Decision(false, "TOO-LARGE", 0, 0, 0, false, 0);
    }
    // RFC 9111 §4.1: in honorCacheControl mode the upstream's Vary splits the key
    List<String> vary = route.cache().honorCacheControl() ? CacheKeys.varyNames(h.getAll("vary")) : List.of();
    CachedResponse entry = EntryFactory.build(route, status, h, resp.body(), decision, now, vary);
    String variantKey = vary.isEmpty() ? null : CacheKeys.variantKey(target.cacheKey(), vary, requestHeaders);
    Fetched fetched = new Fetched(entry, status, decision.store(), false, h.get("cache-control"),
        h.getAll("set-cookie"), resp.durationMs(), variantKey, false);
    if (!decision.store()) {
      return Future.succeededFuture(fetched);
    }
    if (variantKey == null) {
      return store.put(target.cacheKey(), entry).map(v -> fetched);
    }
    // the base key remembers which headers vary; the variant key holds this variant
    return Future.join(store.put(target.cacheKey(), entry), store.put(variantKey, entry)).map(v -> fetched);
  }

  /** A 304 renews the stored entry: new times, same body, no transfer. */
  private Future<Fetched> renew(Route route, RequestTarget target, CachedResponse stale, MultiMap h, long now, long upstreamMs,
      MultiMap requestHeaders) {
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
    String variantKey = stale.varyHeaders().isEmpty() ? null
        : CacheKeys.variantKey(target.cacheKey(), stale.varyHeaders(), requestHeaders);
    Fetched fetched = new Fetched(renewed, 304, d.store(), true, null, List.of(), upstreamMs, variantKey, false);
    if (!d.store()) {
      return Future.succeededFuture(fetched);
    }
    return variantKey == null ? store.put(target.cacheKey(), renewed).map(v -> fetched)
        : Future.join(store.put(target.cacheKey(), renewed), store.put(variantKey, renewed)).map(v -> fetched);
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

package io.wplive.proxy.http;

import io.vertx.core.MultiMap;
import io.wplive.proxy.config.RouteCacheOptions;

/**
 * Decides whether an upstream answer may be stored and for how long (SPEC §4, RFC 9111 §3–4).
 * Pure: headers in, times out, the clock value passed in.
 *
 * <p>A route with a fixed {@code ttl} and {@code honorCacheControl: false} ignores the upstream's
 * freshness headers on purpose: that mode exists for APIs that send {@code no-cache} or nothing
 * at all. With {@code honorCacheControl} the proxy is an RFC 9111 shared cache, and the route's
 * {@code ttl} (if any) is only the fallback when the upstream gives no explicit freshness.
 */
public final class StoragePolicy {
  /** What to do with one answer. {@code reason} is the Cache-Status detail when not stored. */
  public record Decision(boolean store, String reason, long freshUntil, long swrUntil, long sieUntil,
      boolean mustRevalidate, long initialAgeMs) {
    static Decision no(String reason) {
      return new Decision(false, reason, 0, 0, 0, false, 0);
    }
  }

  private StoragePolicy() {
  }

  public static boolean cacheableStatus(int status) {
    return switch (status) {
      case 200, 203, 204, 300, 301, 308, 404, 410 -> true;
      default -> false;
    };
  }

  /**
   * @param status the upstream status
   * @param headers the upstream's response headers
   * @param route the route's cache policy
   * @param sharedCredentials the request carried credentials that were forwarded upstream
   * @param now the clock, epoch ms, when the answer arrived
   */
  public static Decision decide(int status, MultiMap headers, RouteCacheOptions route, boolean sharedCredentials, long now) {
    if (sharedCredentials && !route.honorCacheControl()) {
      return Decision.no("AUTHORIZATION");
    }
    if (!cacheableStatus(status)) {
      return Decision.no("UNCACHEABLE-STATUS");
    }
    if (headers.contains("set-cookie")) {
      return Decision.no("SET-COOKIE");
    }
    boolean negative = status == 404 || status == 410;
    if (!route.honorCacheControl()) {
      long life = negative ? route.negativeTtl().toMillis() : route.ttl().toMillis();
      if (life <= 0) {
        return Decision.no(negative ? "NEGATIVE-TTL-OFF" : "NO-TTL");
      }
      long fresh = now + life;
      return new Decision(true, null, fresh, fresh + route.staleWhileRevalidate().toMillis(),
          fresh + route.staleIfError().toMillis(), false, 0);
    }
    CacheControl cc = CacheControl.parse(headers.getAll("cache-control"));
    if (cc.noStore()) {
      return Decision.no("NO-STORE");
    }
    if (cc.isPrivate()) {
      return Decision.no("PRIVATE");
    }
    if (sharedCredentials && !cc.isPublic() && cc.sMaxAge() < 0 && !cc.mustRevalidate()) {
      return Decision.no("AUTHORIZATION"); // RFC 9111 §3.5
    }
    if (headers.getAll("vary").stream().anyMatch(v -> v.contains("*"))) {
      return Decision.no("VARY-STAR");
    }
    long ageMs = Math.max(0, CacheControl.seconds(headers.get("age"), 0)) * 1000;
    long dateMs = HttpDates.parse(headers.get("date"));
    if (dateMs != Long.MIN_VALUE) {
      ageMs = Math.max(ageMs, now - dateMs);
    }
    long lifetime = explicitLifetimeMs(cc, headers, now);
    boolean explicit = lifetime >= 0;
    if (!explicit) {
      long fallback = negative ? route.negativeTtl().toMillis() : route.ttl().toMillis();
      lifetime = Math.max(0, fallback);
      ageMs = 0;
    }
    if (cc.noCache()) {
      lifetime = 0; // stored, but every reuse needs a successful revalidation
    }
    boolean validator = headers.contains("etag") || headers.contains("last-modified");
    if (lifetime <= ageMs && !validator) {
      return Decision.no(explicit || cc.noCache() ? "STALE-ON-ARRIVAL" : "NO-FRESHNESS");
    }
    long fresh = now + Math.max(0, lifetime - ageMs);
    boolean mustRevalidate = cc.mustRevalidate() || cc.proxyRevalidate() || cc.sMaxAge() >= 0 || cc.noCache();
    long swr = cc.staleWhileRevalidate() >= 0 ? cc.staleWhileRevalidate() * 1000 : route.staleWhileRevalidate().toMillis();
    long sie = cc.staleIfError() >= 0 ? cc.staleIfError() * 1000 : route.staleIfError().toMillis();
    if (cc.sMaxAge() >= 0 && !cc.mustRevalidate() && !cc.proxyRevalidate() && !cc.noCache()) {
      // s-maxage implies proxy-revalidate only for reuse without contacting the origin; an explicit
      // stale-* extension from the origin (RFC 5861) still grants its window
      mustRevalidate = cc.staleWhileRevalidate() < 0 && cc.staleIfError() < 0;
    }
    return new Decision(true, null, fresh, fresh + swr, fresh + sie, mustRevalidate, ageMs);
  }

  /** s-maxage, then max-age, then Expires − Date; -1 when the answer says nothing. */
  static long explicitLifetimeMs(CacheControl cc, MultiMap headers, long now) {
    if (cc.sMaxAge() >= 0) {
      return cc.sMaxAge() * 1000;
    }
    if (cc.maxAge() >= 0) {
      return cc.maxAge() * 1000;
    }
    String expires = headers.get("expires");
    if (expires != null) {
      long exp = HttpDates.parse(expires);
      if (exp == Long.MIN_VALUE) {
        return 0; // an invalid Expires means "already expired" (RFC 9111 §5.3)
      }
      long date = HttpDates.parse(headers.get("date"));
      if (date == Long.MIN_VALUE) {
        date = now; // no Date: the time of receipt stands in (RFC 9110 §6.6.1)
      }
      return Math.max(0, exp - date);
    }
    return -1;
  }
}

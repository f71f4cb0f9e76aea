package io.wplive.proxy.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.http.CacheStatus;

/**
 * Writes an answer from a {@link CachedResponse}: stored headers, validators, the per-answer
 * headers of SPEC §4, then the stored bytes as they are (gzip copy when the client takes it).
 * The fresh-hit path uses values pre-rendered once per second per entry.
 */
public final class ResponseWriter {
  private ResponseWriter() {
  }

  /** A fresh hit: the hot path. */
  public static void hit(Exchange ex, CachedResponse e, long now, String clientCacheControl) {
    long second = now / 1000;
    CachedResponse.RenderedHeaders r = e.rendered();
    if (r == null || r.second() != second) {
      long ttl = e.ttlSeconds(now);
      r = new CachedResponse.RenderedHeaders(second, HttpHeaders.createOptimized(CacheStatus.hit(ttl)),
          HttpHeaders.createOptimized(Long.toString(e.ageSeconds(now))),
          HttpHeaders.createOptimized(clientCacheControl != null ? clientCacheControl : "max-age=" + Math.max(0, ttl)));
      e.rendered(r);
    }
    write(ex, e, ex.sharedDown ? r.cacheStatus() + REDIS_DOWN : r.cacheStatus(), Headers.X_HIT, r.age(), r.cacheControl());
  }

  /** Added to Cache-Status while the shared tier is unreachable. */
  static final String REDIS_DOWN = "; detail=redis-unavailable";

  /**
   * Any other answer from an entry (stale, miss, revalidated, collapsed).
   *
   * @param stored whether the entry is in the cache (else its Cache-Control is {@code no-cache})
   */
  public static void answer(Exchange ex, CachedResponse e, long now, String cacheStatus, CharSequence xCache,
      boolean stored, String clientCacheControl, String upstreamCacheControl) {
    String cc;
    if (clientCacheControl != null) {
      cc = clientCacheControl;
    } else if (stored) {
      cc = "max-age=" + Math.max(0, e.ttlSeconds(now));
    } else {
      cc = upstreamCacheControl != null ? upstreamCacheControl : "no-cache";
    }
    String status = ex.sharedDown && !cacheStatus.contains("; detail=") ? cacheStatus + REDIS_DOWN : cacheStatus;
    write(ex, e, status, xCache, Long.toString(e.ageSeconds(now)), cc);
  }

  private static void write(Exchange ex, CachedResponse e, CharSequence cacheStatus, CharSequence xCache,
      CharSequence age, CharSequence cacheControl) {
    HttpServerResponse resp = ex.response;
    MultiMap h = resp.headers();
    // `add`, not `set`: none of these can be on the response yet (CORS, quotas and cookies set
    // others), and `set` would search and remove first
    CharSequence[] stored = e.wireHeaders();
    for (int i = 0; i < stored.length; i += 2) {
      h.add(stored[i], stored[i + 1]);
    }
    h.add(Headers.CACHE_STATUS, cacheStatus);
    h.add(Headers.X_CACHE, xCache);
    h.add(Headers.AGE, age);
    h.add(Headers.CACHE_CONTROL, cacheControl);
    h.add(Headers.VIA, Headers.VIA_VALUE);
    h.add(Headers.X_REQUEST_ID, ex.requestId);
    Buffer body = e.body();
    Buffer gzip = e.gzipBody();
    if (gzip != null) {
      h.add(Headers.VARY, Headers.ACCEPT_ENCODING); // add: CORS may have said Vary: Origin already
      if (acceptsGzip(ex.request.headers().get(Headers.ACCEPT_ENCODING))) {
        h.add(Headers.CONTENT_ENCODING, Headers.GZIP);
        body = gzip;
      }
    }
    String etag = e.etag();
    if (etag != null && e.status() == 200 && Conditionals.noneMatch(ex.request.headers().get("if-none-match"), etag)) {
      resp.setStatusCode(304);
      h.remove(Headers.CONTENT_ENCODING);
      resp.end();
      return;
    }
    resp.setStatusCode(e.status());
    if (ex.head) {
      h.set(Headers.CONTENT_LENGTH, Integer.toString(body.length()));
      resp.end();
    } else {
      resp.end(body);
    }
  }

  /** The last Accept-Encoding parsed: a site's PHP workers send the same one on every request. */
  private static volatile AcceptEncodingMemo lastAcceptEncoding = new AcceptEncodingMemo("", false);

  private record AcceptEncodingMemo(String value, boolean gzip) {
  }

  /** {@code gzip} listed without {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    AcceptEncodingMemo memo = lastAcceptEncoding;
    if (memo.value().equals(acceptEncoding)) {
      return memo.gzip();
    }
    boolean gzip = parseAcceptsGzip(acceptEncoding);
    lastAcceptEncoding = new AcceptEncodingMemo(acceptEncoding, gzip);
    return gzip;
  }

  private static boolean parseAcceptsGzip(String acceptEncoding) {
    double gz = -1, star = -1;
    for (String member : acceptEncoding.split(",")) {
      String[] parts = member.split(";");
      String coding = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
        if (p.startsWith("q=")) {
          try { q = Double.parseDouble(p.substring(2)); } catch (NumberFormatException e) { q = 0; }
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) { gz = Math.max(gz, q); }
      if (coding.equals("*")) { star = q; }
    }
    return gz >= 0 ? gz > 0 : star > 0;
  }
}

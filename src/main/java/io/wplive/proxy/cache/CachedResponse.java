package io.wplive.proxy.cache;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * One stored answer, immutable. Times are epoch milliseconds read from the injected clock.
 * Bodies are held as Vert.x buffers and written to clients as they are, never copied or re-encoded.
 *
 * <p>Life of an entry: fresh until {@link #freshUntil()}; then servable stale at once (with a
 * background refresh) until {@link #swrUntil()}; servable when the upstream fails until
 * {@link #sieUntil()}; dropped at {@link #expiresAt()}.
 */
public final class CachedResponse {
  private final int status;
  private final List<Map.Entry<String, String>> headers;
  private final Buffer body;
  private final Buffer gzipBody;
  private final String etag;
  private final String lastModified;
  private final long storedAt;
  private final long freshUntil;
  private final long swrUntil;
  private final long sieUntil;
  private final boolean mustRevalidate;
  private final String routeName;
  private final List<String> tags;
  private final String schemaVersion;
  private final List<String> varyHeaders;
  private final long initialAge;

  private final long refreshAheadAt;
  private volatile RenderedHeaders rendered; // per-second memo of Cache-Status/Age/Cache-Control
  private volatile CharSequence[] wireHeaders; // stored headers + validators, encoded once

  public CachedResponse(Builder b) {
    this.status = b.status;
    this.headers = List.copyOf(b.headers);
    this.body = b.body;
    this.gzipBody = b.gzipBody;
    this.etag = b.etag;
    this.lastModified = b.lastModified;
    this.storedAt = b.storedAt;
    this.freshUntil = b.freshUntil;
    this.swrUntil = Math.max(b.swrUntil, b.freshUntil);
    this.sieUntil = Math.max(b.sieUntil, b.freshUntil);
    this.mustRevalidate = b.mustRevalidate;
    this.routeName = b.routeName;
    this.tags = List.copyOf(b.tags);
    this.schemaVersion = b.schemaVersion;
    this.varyHeaders = List.copyOf(b.varyHeaders);
    this.initialAge = b.initialAge;
    this.refreshAheadAt = b.freshUntil - Math.max(0, b.freshUntil - b.storedAt) / 10;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this entry's values, to derive a renewed or re-timed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.status = status;
    b.headers = headers;
    b.body = body;
    b.gzipBody = gzipBody;
    b.etag = etag;
    b.lastModified = lastModified;
    b.storedAt = storedAt;
    b.freshUntil = freshUntil;
    b.swrUntil = swrUntil;
    b.sieUntil = sieUntil;
    b.mustRevalidate = mustRevalidate;
    b.routeName = routeName;
    b.tags = tags;
    b.schemaVersion = schemaVersion;
    b.varyHeaders = varyHeaders;
    b.initialAge = initialAge;
    return b;
  }

  public int status() { return status; }
  /** End-to-end headers worth replaying (Content-Type, Last-Modified, Link, X-WP-Total, …). */
  public List<Map.Entry<String, String>> headers() { return headers; }
  public Buffer body() { return body; }
  /** A gzip copy made once at store time, for bodies of 1 KB or more; else {@code null}. */
  public Buffer gzipBody() { return gzipBody; }
  /** The upstream's ETag, or a strong one over the stored bytes. */
  public String etag() { return etag; }
  public String lastModified() { return lastModified; }
  public long storedAt() { return storedAt; }
  public long freshUntil() { return freshUntil; }
  public long swrUntil() { return swrUntil; }
  public long sieUntil() { return sieUntil; }
  /** {@code must-revalidate}/{@code proxy-revalidate}: never served stale. */
  public boolean mustRevalidate() { return mustRevalidate; }
  public String routeName() { return routeName; }
  public List<String> tags() { return tags; }
  public String schemaVersion() { return schemaVersion; }
  /** Lower-cased request header names the upstream's {@code Vary} named (honorCacheControl mode). */
  public List<String> varyHeaders() { return varyHeaders; }
  /** The upstream's {@code Age} when stored, in milliseconds. */
  public long initialAge() { return initialAge; }

  /** How long past its freshness an entry with a validator is kept, at least, for a conditional refresh. */
  public static final long REVALIDATION_GRACE_MS = 60_000;

  /**
   * When the entry can no longer be used for anything. An entry with a validator outlives its
   * stale windows (by its own lifetime, at least a minute): a 304 can still renew it without a
   * body transfer.
   */
  public long expiresAt() {
    long end = mustRevalidate ? freshUntil : Math.max(freshUntil, Math.max(swrUntil, sieUntil));
    if (revalidatable()) {
      end = Math.max(end, freshUntil + Math.max(REVALIDATION_GRACE_MS, freshUntil - storedAt));
    }
    return end;
  }

  public boolean isFresh(long now) {
    return now < freshUntil;
  }

  /** In the last 10 % of its freshness: a hit now should trigger a background refresh. */
  public boolean dueForRefreshAhead(long now) {
    return now >= refreshAheadAt;
  }

  /** Servable at once while a background refresh runs. */
  public boolean inStaleWhileRevalidate(long now) {
    return !mustRevalidate && now < swrUntil;
  }

  /** Servable because the upstream cannot give a fresh answer. */
  public boolean inStaleIfError(long now) {
    return !mustRevalidate && now < sieUntil;
  }

  /** Has a validator for a conditional refresh. */
  public boolean revalidatable() {
    return lastModified != null || (etag != null && !etagGenerated());
  }

  private boolean etagGenerated() {
    return etag != null && etag.startsWith("\"wplp-");
  }

  /** Age in whole seconds as the {@code Age} header says it. */
  public long ageSeconds(long now) {
    return Math.max(0, (now - storedAt + initialAge) / 1000);
  }

  /** Remaining freshness in whole seconds; negative when stale. */
  public long ttlSeconds(long now) {
    long ms = freshUntil - now;
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  }

  public long bodySize() {
    return body.length() + (gzipBody == null ? 0 : gzipBody.length());
  }

  /** The memo used by the hit path; see {@link RenderedHeaders}. */
  public RenderedHeaders rendered() {
    return rendered;
  }

  public void rendered(RenderedHeaders r) {
    this.rendered = r;
  }

  /**
   * Pre-rendered values of the per-hit headers, valid for one second of the clock. Pre-encoded
   * ({@code HttpHeaders.createOptimized}), so every hit in that second writes them as bytes.
   */
  public record RenderedHeaders(long second, CharSequence cacheStatus, CharSequence age, CharSequence cacheControl) {
  }

  /**
   * The stored headers, then ETag and Last-Modified, as name/value pairs ({@code [n0, v0, n1, v1…]})
   * encoded once per entry. Vert.x reuses their hash and copies their bytes to the wire, instead
   * of hashing and encoding every character of every header on every hit (it still checks each
   * value). Pairs that are not a valid field (an entry read from a tampered Redis) are left out
   * here: Vert.x would refuse them on every hit, failing the answer.
   */
  public CharSequence[] wireHeaders() {
    CharSequence[] w = wireHeaders;
    if (w == null) {
      w = WireHeaders.render(headers, etag, lastModified);
      wireHeaders = w;
    }
    return w;
  }

  /** Mutable builder; {@link CachedResponse} itself never changes. */
  public static final class Builder {
    private int status = 200;
    private List<Map.Entry<String, String>> headers = List.of();
    private Buffer body = Buffer.buffer();
    private Buffer gzipBody;
    private String etag;
    private String lastModified;
    private long storedAt;
    private long freshUntil;
    private long swrUntil;
    private long sieUntil;
    private boolean mustRevalidate;
    private String routeName = "";
    private List<String> tags = List.of();
    private String schemaVersion = "-";
    private List<String> varyHeaders = List.of();
    private long initialAge;

    public Builder status(int v) { status = v; return this; }
    public Builder headers(List<Map.Entry<String, String>> v) { headers = v; return this; }
    public Builder body(Buffer v) { body = v; return this; }
    public Builder gzipBody(Buffer v) { gzipBody = v; return this; }
    public Builder etag(String v) { etag = v; return this; }
    public Builder lastModified(String v) { lastModified = v; return this; }
    public Builder storedAt(long v) { storedAt = v; return this; }
    public Builder freshUntil(long v) { freshUntil = v; return this; }
    public Builder swrUntil(long v) { swrUntil = v; return this; }
    public Builder sieUntil(long v) { sieUntil = v; return this; }
    public Builder mustRevalidate(boolean v) { mustRevalidate = v; return this; }
    public Builder routeName(String v) { routeName = v; return this; }
    public Builder tags(List<String> v) { tags = v; return this; }
    public Builder schemaVersion(String v) { schemaVersion = v; return this; }
    public Builder varyHeaders(List<String> v) { varyHeaders = v; return this; }
    public Builder initialAge(long v) { initialAge = v; return this; }

    public CachedResponse build() {
      return new CachedResponse(this);
    }
  }
}

package io.wplive.proxy.http;

/**
 * {@code Cache-Status} (RFC 9211) values with the cache name {@code wp-live-proxy}, and the
 * {@code X-Cache} short forms WordPress code checks (SPEC §4).
 */
public final class CacheStatus {
  public static final String NAME = "wp-live-proxy";
  public static final String X_HIT = "HIT";
  public static final String X_MISS = "MISS";
  public static final String X_STALE = "STALE";
  public static final String X_BYPASS = "BYPASS";

  private CacheStatus() {
  }

  public static String hit(long ttl) {
    return NAME + "; hit; ttl=" + ttl;
  }

  /** Served stale at once: {@code detail} is stale-while-revalidate, circuit-open or rate-limited. */
  public static String staleHit(long ttl, String detail) {
    return NAME + "; hit; ttl=" + ttl + "; detail=" + detail;
  }

  /** Served stale because the upstream failed with {@code upstreamStatus} (0 = no answer). */
  public static String staleIfError(int upstreamStatus, long ttl) {
    return NAME + "; fwd=stale" + (upstreamStatus > 0 ? "; fwd-status=" + upstreamStatus : "") + "; ttl=" + ttl
        + "; detail=stale-if-error";
  }

  /** A miss that was fetched; {@code ttl} only when stored. */
  public static String miss(int upstreamStatus, boolean stored, long ttl) {
    return NAME + "; fwd=uri-miss; fwd-status=" + upstreamStatus + (stored ? "; stored; ttl=" + ttl : "");
  }

  /** A stale entry revalidated by a 304 (or refreshed by a 200) from the upstream. */
  public static String revalidated(int upstreamStatus, boolean stored, long ttl) {
    return NAME + "; fwd=stale; fwd-status=" + upstreamStatus + (stored ? "; stored; ttl=" + ttl : "");
  }

  public static String bypass(String fwd) {
    return NAME + "; fwd=" + fwd;
  }

  /** An error answer; {@code tried} when an upstream was called. */
  public static String error(boolean tried, int upstreamStatus, String detail) {
    return NAME + (tried ? "; fwd=uri-miss" : "; fwd=bypass") + (upstreamStatus > 0 ? "; fwd-status=" + upstreamStatus : "")
        + (detail == null ? "" : "; detail=" + detail);
  }
}

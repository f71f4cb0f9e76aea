package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC §4 Cache-Status (RFC 9211) values, cache name wp-live-proxy. */
class CacheStatusTest {
  @Test
  void everyOutcomeOfTheSpecTable() {
    assertThat(CacheStatus.hit(42)).isEqualTo("wp-live-proxy; hit; ttl=42");
    assertThat(CacheStatus.miss(200, true, 60)).isEqualTo("wp-live-proxy; fwd=uri-miss; fwd-status=200; stored; ttl=60");
    assertThat(CacheStatus.miss(200, false, 60)).isEqualTo("wp-live-proxy; fwd=uri-miss; fwd-status=200");
    assertThat(CacheStatus.staleHit(-3, "stale-while-revalidate"))
        .isEqualTo("wp-live-proxy; hit; ttl=-3; detail=stale-while-revalidate");
    assertThat(CacheStatus.staleIfError(503, -300))
        .isEqualTo("wp-live-proxy; fwd=stale; fwd-status=503; ttl=-300; detail=stale-if-error");
    assertThat(CacheStatus.staleIfError(0, -300)).isEqualTo("wp-live-proxy; fwd=stale; ttl=-300; detail=stale-if-error");
    assertThat(CacheStatus.staleHit(-300, "circuit-open")).isEqualTo("wp-live-proxy; hit; ttl=-300; detail=circuit-open");
    assertThat(CacheStatus.staleHit(-300, "rate-limited")).isEqualTo("wp-live-proxy; hit; ttl=-300; detail=rate-limited");
    assertThat(CacheStatus.revalidated(304, true, 60)).isEqualTo("wp-live-proxy; fwd=stale; fwd-status=304; stored; ttl=60");
    assertThat(CacheStatus.bypass("method")).isEqualTo("wp-live-proxy; fwd=method");
    assertThat(CacheStatus.bypass("bypass")).isEqualTo("wp-live-proxy; fwd=bypass");
    assertThat(CacheStatus.error(true, 0, "upstream-timeout")).isEqualTo("wp-live-proxy; fwd=uri-miss; detail=upstream-timeout");
    assertThat(CacheStatus.error(true, 502, null)).isEqualTo("wp-live-proxy; fwd=uri-miss; fwd-status=502");
    assertThat(CacheStatus.error(true, 0, null)).isEqualTo("wp-live-proxy; fwd=uri-miss");
  }

  @Test
  void xCacheShortForms() {
    assertThat(new String[] {CacheStatus.X_HIT, CacheStatus.X_MISS, CacheStatus.X_STALE, CacheStatus.X_BYPASS})
        .containsExactly("HIT", "MISS", "STALE", "BYPASS");
  }
}

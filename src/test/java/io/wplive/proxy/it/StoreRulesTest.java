package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "Never cached" and RFC 9111 storage in honorCacheControl mode. */
class StoreRulesTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    startProxy(config("""
        cache:
          maxEntrySize: 1KB
        """, "", """
        - name: fixed
          path: /api/fixed/*
          upstream: api
          upstreamPath: /fixed/*
          cache: {ttl: 60s}
        - name: negative
          path: /api/negative/*
          upstream: api
          upstreamPath: /negative/*
          cache: {ttl: 60s, negativeTtl: 10s}
        - name: honor
          path: /api/honor/*
          upstream: api
          upstreamPath: /honor/*
        """));
  }

  /** Two GETs; returns both answers. */
  private List<HttpResult> twice(String path) {
    return List.of(http.get(path), http.get(path));
  }

  private static void assertNotStored(HttpResult r) {
    assertThat(r.cacheStatus()).doesNotContain("stored");
    assertThat(r.xCache()).isNotEqualTo("HIT");
  }

  @Test
  void setCookieAnswersAreNotStored() {
    upstream.reply("/base/fixed/cookie", Reply.ok("{}").header("Set-Cookie", "sid=secret; Path=/"));
    List<HttpResult> rs = twice("/api/fixed/cookie");
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertNotStored(r);
    });
    assertThat(rs.get(0).header("Set-Cookie")).isEqualTo("sid=secret; Path=/");
    assertThat(upstream.count("/base/fixed/cookie")).isEqualTo(2);
  }

  @Test
  void setCookieGoesOnlyToTheRequesterNotToCollapsedWaiters() {
    upstream.reply("/base/fixed/cookie", Reply.ok("{}").header("Set-Cookie", "sid=secret").delay(400));
    http.warmUp("/health/live", 10);
    List<HttpResult> rs = http.concurrentGets("/api/fixed/cookie", 10);
    assertThat(upstream.count("/base/fixed/cookie")).isEqualTo(1);
    long withCookie = rs.stream().filter(r -> r.header("Set-Cookie") != null).count();
    assertThat(withCookie).isEqualTo(1);
    assertThat(rs).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  void serverErrorsAreNotStored() {
    upstream.reply("/base/fixed/broken", Reply.status(500, "{\"e\":1}"));
    List<HttpResult> rs = twice("/api/fixed/broken");
    assertThat(rs).allSatisfy(r -> assertThat(r.status()).isEqualTo(502));
    assertThat(upstream.count("/base/fixed/broken")).isEqualTo(2);
  }

  @Test
  void uncacheableStatusesAreNotStored() {
    upstream.reply("/base/fixed/created", Reply.status(201, "{\"id\":1}"));
    upstream.reply("/base/fixed/bad", Reply.status(400, "{\"e\":\"bad\"}"));
    assertThat(twice("/api/fixed/created")).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(201);
      assertNotStored(r);
    });
    assertThat(twice("/api/fixed/bad")).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertNotStored(r);
    });
    assertThat(upstream.count("/base/fixed/created")).isEqualTo(2);
    assertThat(upstream.count("/base/fixed/bad")).isEqualTo(2);
  }

  @Test
  void bodiesOverMaxEntrySizeAreServedButNotStored() {
    String big = "{\"blob\":\"" + "x".repeat(2000) + "\"}";
    upstream.reply("/base/fixed/big", Reply.ok(big));
    List<HttpResult> rs = twice("/api/fixed/big");
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text()).isEqualTo(big);
      assertNotStored(r);
    });
    assertThat(upstream.count("/base/fixed/big")).isEqualTo(2);
  }

  @Test
  void bodiesJustUnderMaxEntrySizeAreStored() {
    String small = "{\"blob\":\"" + "x".repeat(900) + "\"}";
    upstream.reply("/base/fixed/small", Reply.ok(small));
    List<HttpResult> rs = twice("/api/fixed/small");
    assertThat(rs.get(1).xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/fixed/small")).isEqualTo(1);
  }

  @Test
  void notFoundIsNotStoredWithoutNegativeTtl() {
    upstream.reply("/base/fixed/gone", Reply.status(404, "{\"message\":\"no\"}"));
    List<HttpResult> rs = twice("/api/fixed/gone");
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text()).isEqualTo("{\"message\":\"no\"}");
    });
    assertThat(upstream.count("/base/fixed/gone")).isEqualTo(2);
  }

  @Test
  void notFoundAndGoneAreStoredWithNegativeTtl() {
    upstream.reply("/base/negative/gone", Reply.status(404, "{\"message\":\"no\"}"));
    upstream.reply("/base/negative/removed", Reply.status(410, "{\"message\":\"removed\"}"));
    List<HttpResult> rs = twice("/api/negative/gone");
    assertThat(rs.get(0).xCache()).isEqualTo("MISS");
    assertThat(rs.get(1).status()).isEqualTo(404);
    assertThat(rs.get(1).xCache()).isEqualTo("HIT");
    assertThat(rs.get(1).text()).isEqualTo("{\"message\":\"no\"}");
    assertThat(upstream.count("/base/negative/gone")).isEqualTo(1);
    List<HttpResult> gone = twice("/api/negative/removed");
    assertThat(gone.get(1).status()).isEqualTo(410);
    assertThat(gone.get(1).xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/negative/removed")).isEqualTo(1);
  }

  @Test
  void negativeEntriesLiveForNegativeTtlNotTtl() {
    upstream.reply("/base/negative/gone", Reply.status(404, "{}"));
    http.get("/api/negative/gone");
    clock.advance(11_000);
    assertThat(http.get("/api/negative/gone").xCache()).isEqualTo("MISS");
    assertThat(upstream.count("/base/negative/gone")).isEqualTo(2);
  }

  @Test
  void honorModeStoresMaxAge() {
    upstream.reply("/base/honor/maxage", Reply.ok("{}").header("Cache-Control", "max-age=60"));
    List<HttpResult> rs = twice("/api/honor/maxage");
    assertThat(rs.get(0).cacheStatus()).contains("stored");
    assertThat(rs.get(1).xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/honor/maxage")).isEqualTo(1);
  }

  @Test
  void honorModeUsesTheUpstreamLifetime() {
    upstream.reply("/base/honor/short", Reply.ok("{}").header("Cache-Control", "max-age=5"));
    http.get("/api/honor/short");
    clock.advance(6_000);
    assertThat(http.get("/api/honor/short").xCache()).isEqualTo("MISS");
    assertThat(upstream.count("/base/honor/short")).isEqualTo(2);
  }

  @Test
  void honorModeDoesNotStoreNoStore() {
    upstream.reply("/base/honor/nostore", Reply.ok("{}").header("Cache-Control", "no-store"));
    assertThat(twice("/api/honor/nostore")).allSatisfy(StoreRulesTest::assertNotStored);
    assertThat(upstream.count("/base/honor/nostore")).isEqualTo(2);
  }

  @Test
  void honorModeDoesNotStorePrivate() {
    upstream.reply("/base/honor/private", Reply.ok("{}").header("Cache-Control", "private, max-age=60"));
    assertThat(twice("/api/honor/private")).allSatisfy(StoreRulesTest::assertNotStored);
    assertThat(upstream.count("/base/honor/private")).isEqualTo(2);
  }

  @Test
  void honorModeDoesNotStoreWithoutFreshnessOrValidator() {
    upstream.reply("/base/honor/plain", Reply.ok("{}"));
    assertThat(twice("/api/honor/plain")).allSatisfy(StoreRulesTest::assertNotStored);
    assertThat(upstream.count("/base/honor/plain")).isEqualTo(2);
  }

  @Test
  void honorModeStoresExpires() {
    String inOneMinute = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusMinutes(1));
    String now = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    upstream.reply("/base/honor/expires", Reply.ok("{}").header("Expires", inOneMinute).header("Date", now));
    List<HttpResult> rs = twice("/api/honor/expires");
    assertThat(rs.get(1).xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/honor/expires")).isEqualTo(1);
  }

  @Test
  void fixedTtlModeIgnoresUpstreamNoStore() {
    // the point of a fixed ttl: APIs that say no-cache/no-store about everything
    upstream.reply("/base/fixed/nocache", Reply.ok("{}").header("Cache-Control", "no-store, no-cache"));
    List<HttpResult> rs = twice("/api/fixed/nocache");
    assertThat(rs.get(1).xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/fixed/nocache")).isEqualTo(1);
  }
}

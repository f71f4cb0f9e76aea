package io.wplive.proxy.cache;

import static io.wplive.proxy.cache.TestEntries.assertSameEntry;
import static io.wplive.proxy.cache.TestEntries.bigBody;
import static io.wplive.proxy.cache.TestEntries.entry;
import static io.wplive.proxy.cache.TestEntries.key;
import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.wplive.proxy.support.redis.Await;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link CacheTier} must do, run against each implementation (memory, Redis standalone,
 * Redis Cluster). Times come from the real clock because Redis expires keys in real time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class CacheTierContractTest {
  protected final Clock clock = Clock.systemUTC();
  protected CacheTier tier;

  protected abstract CacheTier createTier(Vertx vertx, Clock clock);

  protected Future<Void> closeTier() {
    return Future.succeededFuture();
  }

  /**
   * Replaces what the tier stored for {@code key} with {@code bytes}; {@code null} for a tier
   * that keeps objects rather than bytes (the test is then skipped).
   */
  protected Future<Void> overwriteStoredBytes(String key, Buffer bytes) {
    return null;
  }

  /** What the tier stored for {@code key}, as bytes; {@code null} when the tier keeps objects. */
  protected Future<Buffer> storedBytes(String key) {
    return null;
  }

  /** Asserts the tier's storage itself no longer holds {@code key} (for Redis: the key's TTL ran out). */
  protected void assertGoneFromStorage(String key) {
  }

  @BeforeEach
  void createTierUnderTest(Vertx vertx) {
    tier = createTier(vertx, clock);
  }

  @AfterEach
  void closeTierUnderTest() {
    result(closeTier());
  }

  @Test
  void unknownKeyIsAMiss() {
    assertThat(result(tier.get(key("products", "/items/none")))).isNull();
  }

  @Test
  void storedEntryComesBackWithEveryField() {
    long now = clock.millis();
    CachedResponse e = TestEntries.builder(now, 60_000, "products", "inventory", "catalog")
        .swrUntil(now + 90_000)
        .sieUntil(now + 3_600_000)
        .lastModified("Tue, 01 Dec 2026 10:00:00 GMT")
        .gzipBody(Buffer.buffer(new byte[] {31, -117, 8, 0, 1, 2, 3}))
        .varyHeaders(List.of("accept-language"))
        .initialAge(3_000)
        .build();
    String k = key("products", "/items/A-100?page=1");
    result(tier.put(k, e));
    assertSameEntry(result(tier.get(k)), e);
  }

  @Test
  void emptyBodyIsKeptAsEmpty() {
    CachedResponse e = TestEntries.builder(clock.millis(), 60_000, "products").status(204).body(Buffer.buffer()).build();
    String k = key("products", "/items/empty");
    result(tier.put(k, e));
    CachedResponse back = result(tier.get(k));
    assertSameEntry(back, e);
    assertThat(back.body().length()).isZero();
  }

  @Test
  void bigBodiesRoundTrip() {
    Buffer body = bigBody(4 * 1024 * 1024);
    CachedResponse e = TestEntries.builder(clock.millis(), 60_000, "listings").body(body).gzipBody(bigBody(1024 * 1024)).build();
    String k = key("listings", "/feed?all=1");
    result(tier.put(k, e));
    assertSameEntry(result(tier.get(k)), e);
  }

  @Test
  void putOverwritesTheEntryOfTheSameKey() {
    long now = clock.millis();
    String k = key("products", "/items/A-100");
    result(tier.put(k, TestEntries.builder(now, 60_000, "products").body(Buffer.buffer("old")).build()));
    CachedResponse newer = TestEntries.builder(now, 60_000, "products").body(Buffer.buffer("new")).status(203).build();
    result(tier.put(k, newer));
    assertSameEntry(result(tier.get(k)), newer);
  }

  @Test
  void entryExpiresWhenItsLastWindowEnds() {
    String k = key("products", "/items/short-lived");
    result(tier.put(k, entry(clock.millis(), 400, "products")));
    assertThat(result(tier.get(k))).isNotNull();
    Await.sleep(800);
    assertThat(result(tier.get(k))).isNull();
    assertGoneFromStorage(k);
  }

  @Test
  void staleWindowsKeepTheEntryPastFreshness() {
    long now = clock.millis();
    String k = key("products", "/items/stale-ok");
    result(tier.put(k, TestEntries.builder(now, 100, "products").sieUntil(now + 60_000).build()));
    Await.sleep(300);
    CachedResponse back = result(tier.get(k));
    assertThat(back).isNotNull();
    assertThat(back.isFresh(clock.millis())).isFalse();
    assertThat(back.inStaleIfError(clock.millis())).isTrue();
  }

  @Test
  void alreadyExpiredEntryIsNotStored() {
    long now = clock.millis();
    String k = key("products", "/items/dead");
    result(tier.put(k, TestEntries.builder(now - 10_000, 1_000, "products").build()));
    assertThat(result(tier.get(k))).isNull();
  }

  @Test
  void removeDropsOneKey() {
    long now = clock.millis();
    String a = key("products", "/items/A");
    String b = key("products", "/items/B");
    result(tier.put(a, entry(now, 60_000, "products")));
    result(tier.put(b, entry(now, 60_000, "products")));
    assertThat(result(tier.remove(a))).isEqualTo(1);
    assertThat(result(tier.remove(a))).isZero();
    assertThat(result(tier.get(a))).isNull();
    assertThat(result(tier.get(b))).isNotNull();
  }

  @Test
  void removeRouteDropsOnlyThatRoute() {
    long now = clock.millis();
    List<String> products = putMany("products", 5, now);
    List<String> listings = putMany("listings", 3, now);
    assertThat(result(tier.removeRoute("products"))).isEqualTo(5);
    products.forEach(k -> assertThat(result(tier.get(k))).as(k).isNull());
    listings.forEach(k -> assertThat(result(tier.get(k))).as(k).isNotNull());
    assertThat(result(tier.removeRoute("products"))).isZero();
  }

  @Test
  void sameRequestOnDifferentRoutesAreDifferentEntries() {
    long now = clock.millis();
    String onA = key("a", "/items/1");
    String onB = key("b", "/items/1");
    CachedResponse ea = TestEntries.builder(now, 60_000, "a").body(Buffer.buffer("A")).build();
    CachedResponse eb = TestEntries.builder(now, 60_000, "b").body(Buffer.buffer("B")).build();
    result(tier.put(onA, ea));
    result(tier.put(onB, eb));
    assertSameEntry(result(tier.get(onA)), ea);
    assertSameEntry(result(tier.get(onB)), eb);
    result(tier.removeRoute("a"));
    assertThat(result(tier.get(onA))).isNull();
    assertSameEntry(result(tier.get(onB)), eb);
  }

  @Test
  void removeTagDropsTaggedEntriesOfEveryRoute() {
    long now = clock.millis();
    String p1 = key("products", "/items/1");
    String p2 = key("products", "/items/2");
    String l1 = key("listings", "/homes/1");
    String untagged = key("listings", "/homes/2");
    result(tier.put(p1, entry(now, 60_000, "products", "inventory")));
    result(tier.put(p2, entry(now, 60_000, "products", "inventory", "catalog")));
    result(tier.put(l1, entry(now, 60_000, "listings", "inventory")));
    result(tier.put(untagged, entry(now, 60_000, "listings", "homes")));
    assertThat(result(tier.removeTag("inventory"))).isEqualTo(3);
    assertThat(result(tier.get(p1))).isNull();
    assertThat(result(tier.get(p2))).isNull();
    assertThat(result(tier.get(l1))).isNull();
    assertThat(result(tier.get(untagged))).isNotNull();
    assertThat(result(tier.removeTag("unknown-tag"))).isZero();
  }

  /** More entries than one purge round handles, spread over many Redis keys (Cluster slots). */
  @Test
  void removeTagHandlesManyEntries() {
    long now = clock.millis();
    for (int batch = 0; batch < 300; batch += 20) {
      // In batches, as the proxy's bounded upstream concurrency (20 per upstream) would produce them.
      List<Future<Void>> puts = new ArrayList<>();
      for (int i = batch; i < batch + 20; i++) {
        puts.add(tier.put(key(i % 2 == 0 ? "products" : "listings", "/bulk/" + i), entry(now, 60_000, "bulk", "bulk-tag")));
      }
      result(Future.all(puts));
    }
    assertThat(result(tier.removeTag("bulk-tag"))).isEqualTo(300);
    assertThat(result(tier.get(key("products", "/bulk/0")))).isNull();
    assertThat(result(tier.get(key("listings", "/bulk/299")))).isNull();
  }

  @Test
  void clearDropsEverything() {
    long now = clock.millis();
    List<String> all = new ArrayList<>(putMany("products", 4, now));
    all.addAll(putMany("listings", 2, now));
    String tagged = key("calendar", "/events");
    result(tier.put(tagged, entry(now, 60_000, "calendar", "events")));
    all.add(tagged);
    assertThat(result(tier.clear())).isEqualTo(7);
    all.forEach(k -> assertThat(result(tier.get(k))).as(k).isNull());
    assertThat(result(tier.removeTag("events"))).isZero();
  }

  @Test
  void unicodeKeysAndHeadersRoundTrip() {
    long now = clock.millis();
    String k = key("listings", "/homes/Zürich?q=%E2%9C%93&city=東京");
    CachedResponse e = TestEntries.builder(now, 60_000, "listings", "städte")
        .headers(List.of(java.util.Map.entry("Content-Disposition", "inline; filename*=UTF-8''r\u00e9sum\u00e9.json"),
            java.util.Map.entry("X-Title", "Caf\u00e9 \u2615 \uD83D\uDE00")))
        .build();
    result(tier.put(k, e));
    assertSameEntry(result(tier.get(k)), e);
    assertThat(result(tier.removeTag("städte"))).isEqualTo(1);
  }

  @Test
  void corruptedValueIsAMiss() {
    String k = key("products", "/items/corrupt");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    Future<Void> overwritten = overwriteStoredBytes(k, Buffer.buffer("\u0001not an entry at all"));
    assumeTrue(overwritten != null, "this tier stores objects, not bytes");
    result(overwritten);
    assertThat(result(tier.get(k))).isNull();
  }

  @Test
  void truncatedValueIsAMiss() {
    String k = key("products", "/items/truncated");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    Future<Buffer> stored = storedBytes(k);
    assumeTrue(stored != null, "this tier stores objects, not bytes");
    Buffer full = result(stored);
    result(overwriteStoredBytes(k, full.getBuffer(0, full.length() - 3)));
    assertThat(result(tier.get(k))).isNull();
  }

  private List<String> putMany(String route, int n, long now) {
    List<String> keys = new ArrayList<>();
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String k = key(route, "/items/" + i);
      keys.add(k);
      puts.add(tier.put(k, entry(now, 60_000, route)));
    }
    result(Future.all(puts));
    return keys;
  }
}

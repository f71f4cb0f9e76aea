package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.cache.TestEntries.entry;
import static io.wplive.proxy.cache.TestEntries.key;
import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.support.MutableClock;
import io.wplive.proxy.cache.TestEntries;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis-specific behaviour of {@link RedisTier} beyond the shared contract. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisTierTest {
  private final MutableClock clock = new MutableClock();
  private final List<RedisTier> tiers = new ArrayList<>();
  private Vertx vertx;
  private String prefix;
  private RedisTier tier;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    prefix = RedisFixture.newKeyPrefix();
    tier = newTier(clock);
  }

  @AfterEach
  void tearDown() {
    tiers.forEach(t -> result(t.close()));
  }

  private RedisTier newTier(Clock c) {
    RedisTier t = new RedisTier(vertx, RedisFixture.shared().tierOptions(prefix), c);
    tiers.add(t);
    return t;
  }

  private Response raw(Request r) {
    return result(tier.client().send(r));
  }

  @Test
  void redisTtlIsTheTimeUntilTheEntryExpires() {
    long now = clock.millis();
    String k = key("products", "/items/ttl");
    CachedResponse e = TestEntries.builder(now, 30_000, "products").swrUntil(now + 45_000).sieUntil(now + 90_000).build();
    result(tier.put(k, e));
    long pttl = raw(Request.cmd(Command.PTTL).arg(tier.keys().entry(k))).toLong();
    assertThat(pttl).isBetween(88_000L, 90_000L);
  }

  @Test
  void mustRevalidateEntriesLiveOnlyWhileFresh() {
    long now = clock.millis();
    String k = key("products", "/items/strict");
    result(tier.put(k, TestEntries.builder(now, 30_000, "products").sieUntil(now + 90_000).mustRevalidate(true).build()));
    long pttl = raw(Request.cmd(Command.PTTL).arg(tier.keys().entry(k))).toLong();
    assertThat(pttl).isBetween(28_000L, 30_000L);
  }

  @Test
  void keysOfOneEntryShareAHashTagAndIndexesNameTheEntry() {
    long now = clock.millis();
    String k = key("products", "/items/A-100?page=1");
    result(tier.put(k, entry(now, 60_000, "products", "inventory")));
    String entryKey = tier.keys().entry(k);
    String hashTag = entryKey.substring(entryKey.indexOf('{'));
    assertThat(entryKey).startsWith(prefix + "e:{").endsWith("}");
    assertThat(tier.keys().forEntry("l", k)).isEqualTo(prefix + "l:" + hashTag);
    assertThat(raw(Request.cmd(Command.ZSCORE).arg(prefix + "r:{products}").arg(entryKey)).toDouble().longValue())
        .isEqualTo(now + 60_000);
    assertThat(raw(Request.cmd(Command.ZSCORE).arg(prefix + "t:{inventory}").arg(entryKey))).isNotNull();
    assertThat(raw(Request.cmd(Command.ZSCORE).arg(prefix + "routes").arg("products"))).isNotNull();
    assertThat(raw(Request.cmd(Command.PTTL).arg(prefix + "r:{products}")).toLong())
        .as("an index outlives its entries, then expires")
        .isGreaterThan(60_000L);
  }

  @Test
  void valueWrittenForAnotherKeyIsAMiss() {
    String k = key("products", "/items/A");
    String other = key("products", "/items/B");
    CachedResponse e = entry(clock.millis(), 60_000, "products");
    // What a hash collision would look like: k's Redis key holding the entry of another cache key.
    result(tier.client().send(Request.cmd(Command.SET).arg(tier.keys().entry(k)).arg(EntryCodec.encode(other, e))));
    assertThat(result(tier.get(k))).isNull();
    assertThat(tier.stats().misses()).isEqualTo(1);
  }

  @Test
  void entryExpiredByTheInjectedClockIsAMissEvenWhileRedisStillHasIt() {
    String k = key("products", "/items/A");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    MutableClock later = new MutableClock();
    later.advance(120_000);
    assertThat(result(newTier(later).get(k))).isNull();
    assertThat(result(tier.get(k))).isNotNull();
  }

  @Test
  void writesDropIndexMembersThatExpiredLongAgo() {
    long now = clock.millis();
    String old = key("products", "/items/old");
    result(tier.put(old, entry(now, 1_000, "products", "inventory")));
    clock.advance(RedisIndexes.CLOCK_SKEW_GRACE_MS + 5_000);
    String fresh = key("products", "/items/fresh");
    result(tier.put(fresh, entry(clock.millis(), 60_000, "products", "inventory")));
    assertThat(raw(Request.cmd(Command.ZCARD).arg(prefix + "r:{products}")).toLong()).isEqualTo(1);
    assertThat(raw(Request.cmd(Command.ZCARD).arg(prefix + "t:{inventory}")).toLong()).isEqualTo(1);
  }

  @Test
  void indexScriptIsResentWhenRedisForgotIt() {
    long now = clock.millis();
    result(tier.put(key("products", "/items/1"), entry(now, 60_000, "products")));
    raw(Request.cmd(Command.SCRIPT).arg("FLUSH"));
    result(tier.put(key("products", "/items/2"), entry(now, 60_000, "products")));
    assertThat(raw(Request.cmd(Command.ZCARD).arg(prefix + "r:{products}")).toLong()).isEqualTo(2);
    assertThat(tier.stats().writeErrors()).isZero();
  }

  @Test
  void statsTellHitsFromMisses() {
    String k = key("products", "/items/A");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    result(tier.get(k));
    result(tier.get(k));
    result(tier.get(key("products", "/items/none")));
    assertThat(tier.stats().hits()).isEqualTo(2);
    assertThat(tier.stats().misses()).isEqualTo(1);
    assertThat(tier.stats().lookupErrors()).isZero();
  }

  /**
   * The same checks as one-by-one lookups, on lookups an event loop makes together (one MGET):
   * each key gets its own entry, a value written for another key and an expired one are misses,
   * and every caller is counted.
   */
  @Test
  void lookupsMadeTogetherOnAnEventLoopResolveEachKeyAndCountEachCaller() {
    long now = clock.millis();
    String a = key("products", "/items/A");
    String b = key("products", "/items/B");
    String collided = key("products", "/items/C");
    String expired = key("products", "/items/D");
    String none = key("products", "/items/none");
    result(tier.put(a, entry(now, 60_000, "products", "tag-a")));
    result(tier.put(b, entry(now, 60_000, "products", "tag-b")));
    result(tier.put(expired, entry(now, 1_000, "products")));
    result(tier.client().send(Request.cmd(Command.SET).arg(tier.keys().entry(collided)).arg(EntryCodec.encode(a, entry(now, 60_000, "products")))));
    clock.advance(2_000);

    io.vertx.core.Promise<List<io.vertx.core.Future<CachedResponse>>> made = io.vertx.core.Promise.promise();
    vertx.runOnContext(v -> made.complete(List.of(tier.get(a), tier.get(b), tier.get(collided), tier.get(expired), tier.get(none), tier.get(a))));
    List<CachedResponse> found = result(made.future()).stream().map(f -> result(f)).toList();

    assertThat(found.get(0).tags()).containsExactly("tag-a");
    assertThat(found.get(1).tags()).containsExactly("tag-b");
    assertThat(found.subList(2, 5)).containsOnlyNulls();
    assertThat(found.get(5)).isSameAs(found.get(0));
    assertThat(tier.stats().hits()).isEqualTo(3);
    assertThat(tier.stats().misses()).isEqualTo(3);
    assertThat(tier.stats().lookupErrors()).isZero();
  }

  @Test
  void pingSucceedsAndTheTierIsAvailable() {
    result(tier.ping());
    assertThat(tier.available()).isTrue();
    assertThat(tier.name()).isEqualTo("redis");
  }

  @Test
  void tiersWithDifferentPrefixesDoNotSeeEachOther() {
    String k = key("products", "/items/A");
    result(tier.put(k, entry(clock.millis(), 60_000, "products")));
    RedisTier other = new RedisTier(vertx, RedisFixture.shared().tierOptions(RedisFixture.newKeyPrefix()), clock);
    tiers.add(other);
    assertThat(result(other.get(k))).isNull();
    assertThat(result(other.clear())).isZero();
    assertThat(result(tier.get(k))).isNotNull();
  }
}

package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §5 {@code POST /admin/purge}: "all instances drop their memory copies". A
 * purge sent to A, by route, tag, path or everything, soft or hard, reaches B's memory tier.
 */
class InvalidationAcrossInstancesTest extends FleetTestBase {
  private static final long PROPAGATION_MS = 3_000;

  private final AtomicInteger version = new AtomicInteger(1);
  private ProxyFixture a;
  private ProxyFixture b;

  private void startTwo(String cache) {
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\",\"v\":" + version.get() + "}"));
    Config c = config().routes("""
          - name: items
            path: /api/items/:id
            upstream: api
            upstreamPath: /items/:id
            cache: %s
          - name: others
            path: /api/others/:id
            upstream: api
            upstreamPath: /others/:id
            cache: {ttl: 60s, tags: [other]}
        """.formatted(cache));
    a = startInstance(c);
    b = startInstance(c);
    awaitSubscribed(a);
    awaitSubscribed(b);
  }

  private static String body(String uri, int v) {
    return "{\"path\":\"/base" + uri.substring("/api".length()) + "\",\"v\":" + v + "}";
  }

  /** The key is cached on A, in Redis and in B's memory. */
  private void primeEverywhere(String uri) {
    int v = version.get();
    assertThat(a.http().get(uri).xCache()).isEqualTo("MISS");
    HttpResult fromRedis = b.http().get(uri);
    assertThat(fromRedis.xCache()).isEqualTo("HIT");
    HttpResult fromMemory = b.http().get(uri);
    assertThat(fromMemory.xCache()).isEqualTo("HIT");
    assertThat(fromMemory.text()).isEqualTo(body(uri, v));
  }

  /** Polls B until its answer is no longer the old entry as a fresh hit; returns that answer. */
  private HttpResult firstAnswerOnBThatIsNotTheOldHit(String uri, int oldVersion, long[] waited) {
    long start = System.nanoTime();
    while (true) {
      HttpResult r = b.http().get(uri);
      boolean oldHit = "HIT".equals(r.xCache()) && r.text().equals(body(uri, oldVersion));
      if (!oldHit) {
        waited[0] = (System.nanoTime() - start) / 1_000_000;
        return r;
      }
      if ((System.nanoTime() - start) / 1_000_000 > PROPAGATION_MS) {
        throw new AssertionError("B still serves its old memory copy of " + uri + " " + PROPAGATION_MS
            + " ms after the purge on A: " + r);
      }
      Blocking.sleep(20);
    }
  }

  @Test
  void hardPurgesOnADropBsMemoryCopies() {
    startTwo("{ttl: 60s, staleWhileRevalidate: 30s, tags: [inv]}");
    String[][] cases = {
        {"/api/items/by-route", "{\"route\":\"items\"}"},
        {"/api/items/by-tag", "{\"tag\":\"inv\"}"},
        {"/api/items/by-path", "{\"path\":\"/api/items/by-path\"}"},
        {"/api/items/by-all", "{\"all\":true}"},
    };
    primeEverywhere("/api/others/untouched");
    List<String> timings = new ArrayList<>();
    for (String[] c : cases) {
      String uri = c[0];
      primeEverywhere(uri);
      int old = version.getAndIncrement();
      int callsBefore = upstream.total();
      HttpResult purged = purge(a, c[1]);
      assertThat(purged.status()).as("purge %s: %s", c[1], purged).isEqualTo(200);
      assertThat(purged.json().getInteger("purged")).as("purge %s", c[1]).isGreaterThanOrEqualTo(1);

      long[] waited = new long[1];
      HttpResult onB = firstAnswerOnBThatIsNotTheOldHit(uri, old, waited);
      timings.add(c[1] + " " + waited[0] + " ms");
      assertThat(onB.status()).isEqualTo(200);
      assertThat(onB.xCache()).as("B after hard purge %s: %s", c[1], onB).isEqualTo("MISS");
      assertThat(onB.text()).isEqualTo(body(uri, old + 1));
      assertThat(upstream.total()).isEqualTo(callsBefore + 1);
      // A dropped its own copy too: it gets the new one (from Redis, fetched by B)
      HttpResult onA = a.http().get(uri);
      assertThat(onA.text()).as("A after purge %s", c[1]).isEqualTo(body(uri, old + 1));
      assertThat(upstream.total()).isEqualTo(callsBefore + 1);
    }
    report("hard purges reached B after: %s", timings);
    // "all" dropped the other route too; the earlier route, tag and path purges had not
    HttpResult other = b.http().get("/api/others/untouched");
    assertThat(other.xCache()).as("after {all:true}: %s", other).isEqualTo("MISS");
  }

  @Test
  void narrowPurgesLeaveOtherEntriesAlone() {
    startTwo("{ttl: 60s, tags: [inv]}");
    primeEverywhere("/api/others/1");
    primeEverywhere("/api/items/1");
    primeEverywhere("/api/items/2");
    assertThat(purge(a, "{\"path\":\"/api/items/1\"}").status()).isEqualTo(200);
    assertThat(purge(a, "{\"route\":\"items\"}").status()).isEqualTo(200);
    assertThat(purge(a, "{\"tag\":\"inv\"}").status()).isEqualTo(200);
    long[] waited = new long[1];
    firstAnswerOnBThatIsNotTheOldHit("/api/items/2", version.get(), waited);
    Blocking.sleep(200); // the tag purge, published last, has arrived too
    HttpResult other = b.http().get("/api/others/1");
    assertThat(other.xCache()).as("route 'others' (tag 'other') after purges of route 'items' and tag 'inv'").isEqualTo("HIT");
  }

  @Test
  void softPurgesOnAMakeBServeStaleAndRefresh() {
    startTwo("{ttl: 60s, staleWhileRevalidate: 30s, tags: [inv]}");
    String[][] cases = {
        {"/api/items/soft-route", "{\"route\":\"items\",\"soft\":true}"},
        {"/api/items/soft-tag", "{\"tag\":\"inv\",\"soft\":true}"},
        {"/api/items/soft-path", "{\"path\":\"/api/items/soft-path\",\"soft\":true}"},
        {"/api/items/soft-all", "{\"all\":true,\"soft\":true}"},
    };
    List<String> timings = new ArrayList<>();
    for (String[] c : cases) {
      String uri = c[0];
      primeEverywhere(uri);
      int old = version.getAndIncrement();
      HttpResult purged = purge(a, c[1]);
      assertThat(purged.status()).as("purge %s: %s", c[1], purged).isEqualTo(200);
      assertThat(purged.json().getInteger("purged")).isGreaterThanOrEqualTo(1);

      long[] waited = new long[1];
      HttpResult onB = firstAnswerOnBThatIsNotTheOldHit(uri, old, waited);
      timings.add(c[1] + " " + waited[0] + " ms");
      assertThat(onB.status()).isEqualTo(200);
      assertThat(onB.xCache()).as("B after soft purge %s: %s", c[1], onB).isEqualTo("STALE");
      assertThat(onB.text()).isEqualTo(body(uri, old));
      assertThat(onB.cacheStatus()).contains("detail=stale-while-revalidate");
      awaitTrue(() -> {
        HttpResult r = b.http().get(uri);
        return "HIT".equals(r.xCache()) && r.text().equals(body(uri, old + 1));
      }, java.time.Duration.ofSeconds(3), "B refreshed after soft purge " + c[1]);
    }
    report("soft purges reached B after: %s", timings);
  }

  /**
   * SPEC §5 "all instances drop their memory copies" and §7 "purges (each instance's memory copy
   * is dropped through Redis pub/sub)". A purge made while Redis is down cannot be published.
   * Once Redis is back, B must not go on serving the purged entry from memory for the rest of its
   * ttl. Here A had already noticed the outage (a request failed over to memory) before the purge.
   */
  @Test
  void aPurgeMadeDuringANoticedRedisOutageReachesBWhenRedisIsBack() {
    purgeDuringOutage(true);
  }

  /**
   * The same when the purge itself is A's first Redis command since Redis died (A had not
   * noticed yet): the purge still has to reach B once Redis is back.
   */
  @Test
  void aPurgeMadeDuringAnUnnoticedRedisOutageReachesBWhenRedisIsBack() {
    purgeDuringOutage(false);
  }

  private void purgeDuringOutage(boolean aNoticedFirst) {
    var local = useLocalRedis();
    startTwo("{ttl: 60s, tags: [inv]}");
    primeEverywhere("/api/items/outage");
    int old = version.getAndIncrement();
    local.kill();
    awaitTrue(() -> !Boolean.TRUE.equals(health(b).getJsonObject("cache").getJsonObject("redis")
        .getBoolean("invalidationSubscribed")), java.time.Duration.ofSeconds(5), "B noticed its subscription is gone");
    if (aNoticedFirst) {
      assertThat(a.http().get("/api/items/other-key").status()).isEqualTo(200);
      awaitReady(a, "A DEGRADED", java.time.Duration.ofSeconds(5), j -> "DOWN".equals(j.getJsonObject("checks").getString("redis")));
    } else {
      assertThat(ready(a).getJsonObject("checks").getString("redis")).as("A has not noticed the outage yet").isEqualTo("UP");
    }
    HttpResult purged = purge(a, "{\"route\":\"items\"}");
    assertThat(purged.status()).as("purge on A while Redis is down: %s", purged).isEqualTo(200);
    local.restart();
    awaitSubscribed(a);
    awaitSubscribed(b);
    long[] waited = new long[1];
    HttpResult onB;
    try {
      onB = firstAnswerOnBThatIsNotTheOldHit("/api/items/outage", old, waited);
    } catch (AssertionError stillOld) {
      report("A noticed the outage first: %s; B after the outage: still its memory copy of the purged entry (%s)",
          aNoticedFirst, stillOld.getMessage());
      throw stillOld;
    }
    report("A noticed the outage first: %s; B stopped serving the purged entry %d ms after resubscribing: %s",
        aNoticedFirst, waited[0], onB.xCache());
    assertThat(onB.text()).isEqualTo(body("/api/items/outage", old + 1));
  }

  /**
   * SPEC §5: {@code "soft":true} = "mark stale instead of delete". An instance that holds no
   * memory copy reads Redis: there the entry must be stale, not gone.
   */
  @Test
  void aSoftPurgeMarksTheSharedCopyStaleInsteadOfDeletingIt() {
    startTwo("{ttl: 60s, staleWhileRevalidate: 30s, tags: [inv]}");
    assertThat(a.http().get("/api/items/only-on-a").xCache()).isEqualTo("MISS");
    int old = version.getAndIncrement();
    assertThat(purge(a, "{\"route\":\"items\",\"soft\":true}").status()).isEqualTo(200);
    HttpResult onB = b.http().get("/api/items/only-on-a");
    report("B (no memory copy) after a soft purge on A: %s / %s", onB.xCache(), onB.cacheStatus());
    assertThat(onB.status()).isEqualTo(200);
    assertThat(onB.xCache()).as("B reads the soft-purged entry from Redis: %s", onB).isEqualTo("STALE");
    assertThat(onB.text()).isEqualTo(body("/api/items/only-on-a", old));
  }

  /**
   * SPEC §5: a path purge drops "entries (all variants)". With {@code varyHeaders} one path has
   * several cache keys; none of them may survive in Redis.
   */
  @Test
  void aPathPurgeDropsEveryVaryVariantFromRedisToo() {
    upstream.respond(r -> Reply.ok("{\"v\":" + version.get() + "}"));
    Config c = config().routes("""
          - name: items
            path: /api/items/:id
            upstream: api
            upstreamPath: /items/:id
            cache: {ttl: 60s, varyHeaders: [Accept-Language]}
        """);
    a = startInstance(c);
    b = startInstance(c);
    awaitSubscribed(b);
    for (String lang : List.of("en", "de")) {
      assertThat(a.http().get("/api/items/1", "Accept-Language", lang).xCache()).isEqualTo("MISS");
    }
    assertThat(RedisPeek.entryKeys(redis().url(), keyPrefix)).hasSize(2);
    int old = version.getAndIncrement();
    HttpResult purged = purge(a, "{\"path\":\"/api/items/1\"}");
    assertThat(purged.status()).isEqualTo(200);
    report("path purge of 2 variants answered %s; entry keys left in Redis: %d", purged.text(),
        RedisPeek.entryKeys(redis().url(), keyPrefix).size());
    for (String lang : List.of("en", "de")) {
      HttpResult onB = b.http().get("/api/items/1", "Accept-Language", lang);
      assertThat(onB.text()).as("B, Accept-Language %s, after the path purge: %s", lang, onB)
          .isEqualTo("{\"v\":" + (old + 1) + "}");
    }
  }
}

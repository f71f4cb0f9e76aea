package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §7: "When Redis is unreachable each instance keeps serving from memory …,
 * reports DEGRADED, and reconnects with backoff; no client request fails because Redis did."
 * A redis-server of the test's own is killed and restarted mid-test.
 */
class RedisOutageTest extends FleetTestBase {
  private static final Duration BACK_UP_WITHIN = Duration.ofSeconds(20);

  private static boolean redisIs(JsonObject ready, String state) {
    return state.equals(ready.getJsonObject("checks").getString("redis"));
  }

  @Test
  void servesThroughAnOutageReportsDegradedAndRecovers() {
    RedisFixture local = useLocalRedis();
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    Config c = config().commandTimeout("500ms").route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    assertThat(a.http().get("/api/items/primed").xCache()).isEqualTo("MISS");
    assertThat(RedisPeek.entryKeys(local.url(), keyPrefix)).hasSize(1);
    assertThat(ready(a).getString("status")).isEqualTo("UP");

    local.kill();
    long killedAt = System.nanoTime();

    // the primed key: A's memory copy
    HttpResult primed = a.http().get("/api/items/primed");
    assertThat(primed.status()).as("%s", primed).isEqualTo(200);
    assertThat(primed.text()).isEqualTo("{\"path\":\"/base/items/primed\"}");
    // a new key: fetched and answered although Redis cannot store it
    HttpResult fresh = a.http().get("/api/items/new-during-outage");
    assertThat(fresh.status()).as("%s", fresh).isEqualTo(200);
    assertThat(fresh.xCache()).isEqualTo("MISS");
    assertThat(fresh.text()).isEqualTo("{\"path\":\"/base/items/new-during-outage\"}");
    assertThat(fresh.millis()).as("a dead Redis must not slow a miss beyond commandTimeout").isLessThan(1_500);

    JsonObject degraded = awaitReady(a, "DEGRADED with redis DOWN", Duration.ofSeconds(5),
        j -> "DEGRADED".equals(j.getString("status")) && redisIs(j, "DOWN"));
    assertThat(degraded.getInteger("httpStatus")).as("a load balancer must keep a DEGRADED instance").isEqualTo(200);
    assertThat(degraded.getJsonObject("checks").getJsonObject("upstreams").getString("api")).isEqualTo("CLOSED");
    report("DEGRADED seen %d ms after the kill", (System.nanoTime() - killedAt) / 1_000_000);

    // while down: memory hits, and the SPEC's detail on every answer
    HttpResult hitWhileDown = a.http().get("/api/items/new-during-outage");
    assertThat(hitWhileDown.status()).isEqualTo(200);
    assertThat(hitWhileDown.xCache()).isEqualTo("HIT");
    assertThat(hitWhileDown.cacheStatus()).as("Cache-Status while Redis is down").contains("detail=redis-unavailable");
    HttpResult missWhileDown = a.http().get("/api/items/second-new");
    assertThat(missWhileDown.status()).isEqualTo(200);
    assertThat(missWhileDown.cacheStatus()).contains("detail=redis-unavailable");
    // B, which had not touched Redis since the kill, also serves (its own misses)
    HttpResult onB = b.http().get("/api/items/on-b-during-outage");
    assertThat(onB.status()).as("%s", onB).isEqualTo(200);
    awaitReady(b, "B DEGRADED too", Duration.ofSeconds(5), j -> "DEGRADED".equals(j.getString("status")) && redisIs(j, "DOWN"));
    // a longer outage: both keep answering every request, old keys and new ones
    long until = System.nanoTime() + 1_500_000_000L;
    int n = 0;
    while (System.nanoTime() < until) {
      ProxyFixture p = n % 2 == 0 ? a : b;
      HttpResult old = p.http().get("/api/items/primed");
      HttpResult neu = p.http().get("/api/items/outage-" + n);
      assertThat(old.status()).as("%s", old).isEqualTo(200);
      assertThat(neu.status()).as("%s", neu).isEqualTo(200);
      assertThat(neu.cacheStatus()).contains("detail=redis-unavailable");
      n++;
      io.wplive.proxy.support.Blocking.sleep(50);
    }
    report("%d request pairs answered 200 during the outage", n);
    int upstreamDuringOutage = upstream.total();

    local.restart();
    long restartedAt = System.nanoTime();
    JsonObject up = awaitReady(a, "UP again after the restart", BACK_UP_WITHIN,
        j -> "UP".equals(j.getString("status")) && redisIs(j, "UP"));
    report("UP again %d ms after the restart (outage lasted %d ms)", (System.nanoTime() - restartedAt) / 1_000_000,
        (restartedAt - killedAt) / 1_000_000);
    assertThat(up.getInteger("httpStatus")).isEqualTo(200);
    // B saw the outage too (its miss above failed a Redis lookup): it must come back by itself as well
    JsonObject upB = awaitReady(b, "B UP again after the restart", BACK_UP_WITHIN,
        j -> "UP".equals(j.getString("status")) && redisIs(j, "UP"));
    report("B UP again %d ms after the restart", (System.nanoTime() - restartedAt) / 1_000_000);
    assertThat(upB.getInteger("httpStatus")).isEqualTo(200);

    // new entries go to Redis again: the (empty) restarted Redis gets one, and B finds it there
    HttpResult after = a.http().get("/api/items/after-restart");
    assertThat(after.xCache()).isEqualTo("MISS");
    assertThat(after.cacheStatus()).doesNotContain("redis-unavailable");
    assertThat(RedisPeek.entryKeys(local.url(), keyPrefix)).as("entries in the restarted Redis").hasSize(1);
    HttpResult afterOnB = b.http().get("/api/items/after-restart");
    assertThat(afterOnB.status()).isEqualTo(200);
    assertThat(afterOnB.xCache()).as("B reads A's new entry from Redis: %s", afterOnB).isEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(upstreamDuringOutage + 1);
  }

  /** SIGSTOP: Redis keeps its sockets but answers nothing. "A slower Redis answer counts as a miss, never as an error." */
  @Test
  void aStalledRedisCostsAtMostTheCommandTimeout() {
    RedisFixture local = useLocalRedis();
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    ProxyFixture a = startInstance(config().commandTimeout("500ms").route("items", "{ttl: 60s}"));
    assertThat(a.http().get("/api/items/primed").xCache()).isEqualTo("MISS");
    local.freeze();
    try {
      HttpResult primed = a.http().get("/api/items/primed");
      assertThat(primed.status()).isEqualTo(200);
      assertThat(primed.xCache()).isEqualTo("HIT");
      HttpResult first = a.http().get("/api/items/frozen-1");
      assertThat(first.status()).as("%s", first).isEqualTo(200);
      assertThat(first.xCache()).isEqualTo("MISS");
      HttpResult second = a.http().get("/api/items/frozen-2");
      assertThat(second.status()).as("%s", second).isEqualTo(200);
      report("with Redis frozen: memory hit %d ms, first miss %d ms, second miss %d ms (commandTimeout 500 ms)",
          primed.millis(), first.millis(), second.millis());
      assertThat(first.millis()).as("first miss against a stalled Redis, ms").isLessThan(1_500);
      assertThat(second.millis()).as("once Redis is known DOWN it is not waited for, ms").isLessThan(400);
      awaitReady(a, "DEGRADED with redis DOWN", Duration.ofSeconds(5),
          j -> "DEGRADED".equals(j.getString("status")) && redisIs(j, "DOWN"));
    } finally {
      local.thaw();
    }
    long thawedAt = System.nanoTime();
    awaitReady(a, "UP after the thaw", BACK_UP_WITHIN, j -> "UP".equals(j.getString("status")) && redisIs(j, "UP"));
    report("UP %d ms after the thaw", (System.nanoTime() - thawedAt) / 1_000_000);
    assertThat(a.http().get("/api/items/after-thaw").xCache()).isEqualTo("MISS");
    assertThat(RedisPeek.entryKeys(local.url(), keyPrefix).size()).as("entries in Redis after the thaw").isGreaterThanOrEqualTo(2);
  }

  @Test
  void startsAndServesWithRedisDownThenPicksItUp() {
    RedisFixture local = useLocalRedis();
    local.kill();
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    ProxyFixture a = startInstanceAsIs(config().commandTimeout("500ms").route("items", "{ttl: 60s}").yaml());

    HttpResult first = a.http().get("/api/items/1");
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    assertThat(first.xCache()).isEqualTo("MISS");
    HttpResult second = a.http().get("/api/items/1");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.xCache()).as("served from memory while Redis is down").isEqualTo("HIT");
    assertThat(second.cacheStatus()).contains("detail=redis-unavailable");
    assertThat(upstream.total()).isEqualTo(1);
    JsonObject degraded = awaitReady(a, "DEGRADED with redis DOWN", Duration.ofSeconds(5),
        j -> "DEGRADED".equals(j.getString("status")) && redisIs(j, "DOWN"));
    assertThat(degraded.getInteger("httpStatus")).isEqualTo(200);
    assertThat(a.http().get("/health/live").status()).isEqualTo(200);

    local.restart();
    long restartedAt = System.nanoTime();
    awaitReady(a, "UP after Redis came", BACK_UP_WITHIN, j -> "UP".equals(j.getString("status")) && redisIs(j, "UP"));
    report("UP %d ms after Redis started", (System.nanoTime() - restartedAt) / 1_000_000);
    assertThat(a.http().get("/api/items/2").xCache()).isEqualTo("MISS");
    assertThat(RedisPeek.entryKeys(local.url(), keyPrefix)).as("entries written once Redis is there").hasSize(1);
  }
}

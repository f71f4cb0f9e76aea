package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import org.junit.jupiter.api.Test;

/** Issue 4 / SPEC §7: the instances of a fleet share their entries through Redis. */
class TwoInstancesShareCacheTest extends FleetTestBase {

  @Test
  void aMissOnOneInstanceIsAHitOnTheOther() {
    upstream.reply("/base/items/1", Reply.ok("{\"id\":1}"));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);

    HttpResult missOnA = a.http().get("/api/items/1");
    assertThat(missOnA.status()).isEqualTo(200);
    assertThat(missOnA.xCache()).isEqualTo("MISS");
    assertThat(missOnA.cacheStatus()).contains("fwd=uri-miss").contains("stored");
    assertThat(upstream.count("/base/items/1")).isEqualTo(1);
    assertThat(RedisPeek.entryKeys(redis().url(), keyPrefix)).as("entry written to Redis").hasSize(1);

    HttpResult onB = b.http().get("/api/items/1");
    assertThat(onB.status()).isEqualTo(200);
    assertThat(onB.text()).isEqualTo("{\"id\":1}");
    assertThat(onB.xCache()).as("B's first request: %s", onB).isEqualTo("HIT");
    assertThat(onB.cacheStatus()).startsWith("wp-live-proxy; hit; ttl=");
    assertThat(upstream.count("/base/items/1")).as("upstream calls").isEqualTo(1);

    // B back-filled its memory tier: the next one is a hit too, still without the upstream
    HttpResult again = b.http().get("/api/items/1");
    assertThat(again.xCache()).isEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(1);
    report("A miss %d ms, B hit from Redis %d ms, B memory hit %d ms", missOnA.millis(), onB.millis(), again.millis());
  }

  @Test
  void entriesFlowBothWays() {
    upstream.respond(r -> Reply.ok("{\"path\":\"" + r.path() + "\"}"));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);

    assertThat(b.http().get("/api/items/from-b").xCache()).isEqualTo("MISS");
    assertThat(a.http().get("/api/items/from-a").xCache()).isEqualTo("MISS");
    HttpResult onA = a.http().get("/api/items/from-b");
    HttpResult onB = b.http().get("/api/items/from-a");
    assertThat(onA.xCache()).as("%s", onA).isEqualTo("HIT");
    assertThat(onA.text()).isEqualTo("{\"path\":\"/base/items/from-b\"}");
    assertThat(onB.xCache()).as("%s", onB).isEqualTo("HIT");
    assertThat(onB.text()).isEqualTo("{\"path\":\"/base/items/from-a\"}");
    assertThat(upstream.total()).isEqualTo(2);
  }
}

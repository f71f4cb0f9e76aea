package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 / SPEC §4 "Freshness": with {@code staleIfError} an expired entry is served when the
 * upstream fails; in a fleet, also by an instance that only has it in Redis.
 */
class StaleIfErrorTest extends FleetTestBase {
  private static final String PRIMED = "{\"stock\":7}";

  private static void assertStale(HttpResult r) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(r.text()).isEqualTo(PRIMED);
    assertThat(r.xCache()).isEqualTo("STALE");
    assertThat(r.cacheStatus()).startsWith("wp-live-proxy;").contains("fwd=stale").contains("detail=stale-if-error")
        .containsPattern("ttl=-\\d+");
  }

  @Test
  void anExpiredEntryIsServedWhileTheUpstreamIsStopped() {
    upstream.reply("/base/stock/1", Reply.ok(PRIMED));
    Config c = config().route("stock", "{ttl: 1s, staleIfError: 1h}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    HttpResult prime = a.http().get("/api/stock/1");
    assertThat(prime.xCache()).isEqualTo("MISS");

    upstream.close(); // stopped: connections are refused from now on
    clock.advance(1_500); // the entry's 1 s of freshness is over

    HttpResult onA = a.http().get("/api/stock/1");
    assertStale(onA);
    // B never saw the key: its stale copy comes from Redis
    HttpResult onB = b.http().get("/api/stock/1");
    assertStale(onB);
    report("stale-if-error answers: A %d ms, B %d ms", onA.millis(), onB.millis());

    // still so a while later, for both (staleIfError is 1 h)
    clock.advance(60_000);
    assertStale(a.http().get("/api/stock/1"));
    assertStale(b.http().get("/api/stock/1"));
  }

  @Test
  void anUpstream5xxIsHiddenByTheStaleCopy() {
    upstream.reply("/base/stock/1", Reply.ok(PRIMED));
    Config c = config().route("stock", "{ttl: 1s, staleIfError: 1h}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    assertThat(a.http().get("/api/stock/1").xCache()).isEqualTo("MISS");
    upstream.reply("/base/stock/1", Reply.status(500, "<html>oops</html>").header("Content-Type", "text/html"));
    clock.advance(1_500);
    HttpResult onB = b.http().get("/api/stock/1");
    assertStale(onB);
    assertThat(onB.cacheStatus()).contains("fwd-status=500");
    assertThat(upstream.count("/base/stock/1")).isEqualTo(2);
  }
}

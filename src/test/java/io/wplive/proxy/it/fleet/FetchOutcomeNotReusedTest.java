package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: the outcome a lock owner leaves in Redis for an unstored answer is for the requests
 * that waited on that fetch only. It is not a cache: a request that comes after the fetch, on
 * any instance, fetches again (while the outcome is still in Redis, and after it expired).
 */
class FetchOutcomeNotReusedTest extends FleetTestBase {

  @Test
  void aLaterRequestFetchesAgain() {
    upstream.reply(Reply.status(404, "{\"error\":\"no such item\"}").delay(300));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    a.http().warmUp("/health/live", 10);
    b.http().warmUp("/health/live", 10);
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/gone"));
    }
    collect(fs, Duration.ofSeconds(20)).forEach(r -> assertThat(r.status()).as("%s", r).isEqualTo(404));
    assertThat(upstream.total()).as("one fetch for the concurrent requests").isEqualTo(1);

    List<String> outcomes = RedisPeek.keys(redis().url(), keyPrefix + "o:*");
    assertThat(outcomes).as("the outcome left for the waiters").hasSize(1);
    long pttl = RedisPeek.pttl(redis().url(), outcomes.get(0));
    report("outcome %s pttl %d ms", outcomes.get(0), pttl);
    assertThat(pttl).as("the outcome is short-lived, ms").isBetween(1L, 5_000L);

    // still in Redis, but not for requests that did not wait on that fetch
    assertThat(b.http().get("/api/items/gone").status()).isEqualTo(404);
    assertThat(upstream.total()).as("a later request on B").isEqualTo(2);
    assertThat(a.http().get("/api/items/gone").status()).isEqualTo(404);
    assertThat(upstream.total()).as("a later request on A").isEqualTo(3);

    // the last fetch left an outcome of its own: wait until Redis dropped it
    long left = RedisPeek.pttl(redis().url(), outcomes.get(0));
    Blocking.sleep(Math.max(0, left) + 100);
    assertThat(RedisPeek.keys(redis().url(), keyPrefix + "o:*")).as("outcomes after their pttl (%d ms)", left).isEmpty();
    HttpResult after = b.http().get("/api/items/gone");
    assertThat(after.status()).isEqualTo(404);
    assertThat(upstream.total()).as("a request after the outcome expired").isEqualTo(4);
  }
}

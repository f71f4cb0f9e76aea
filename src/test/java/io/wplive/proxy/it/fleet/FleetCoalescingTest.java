package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 4 / SPEC §4 "Coalescing": "concurrent requests that need the same upstream fetch cause
 * exactly one upstream request …; with Redis configured this holds across instances."
 */
class FleetCoalescingTest extends FleetTestBase {

  @Test
  void twoHundredConcurrentRequestsOnTwoInstancesMakeOneUpstreamRequest() {
    upstream.reply(Reply.ok("{\"hot\":true}").delay(500));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    // open the client connections first, so the 200 requests really arrive together
    a.http().warmUp("/health/live", 100);
    b.http().warmUp("/health/live", 100);

    long start = System.nanoTime();
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/hot"));
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(20));
    long ms = (System.nanoTime() - start) / 1_000_000;

    Map<String, Integer> kinds = new TreeMap<>();
    for (HttpResult r : answers) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.text()).isEqualTo("{\"hot\":true}");
      String cs = r.cacheStatus();
      kinds.merge(r.xCache() + (cs.contains("collapsed") ? " collapsed" : ""), 1, Integer::sum);
    }
    report("200 concurrent requests (100 per instance) in %d ms: upstream saw %d; answers %s", ms, upstream.total(), kinds);
    assertThat(upstream.total()).as("upstream requests for one key across the fleet").isEqualTo(1);
    assertThat(answers.stream().filter(r -> "MISS".equals(r.xCache()) && !r.cacheStatus().contains("collapsed")).count())
        .as("only the request that called the upstream is a plain MISS; the other instance's requests waited too")
        .isEqualTo(1);
  }

  /**
   * The same for an answer that is relayed but not stored (a 404 without {@code negativeTtl}):
   * the requests waiting on the other instance wait for the one fetch and do not make a second
   * one when it ends (issue 5): the lock owner leaves the answer in Redis for them.
   */
  @Test
  void anUnstoredAnswerIsAlsoFetchedOnceForTheWholeFleet() {
    upstream.reply(Reply.status(404, "{\"error\":\"no such item\"}").delay(500));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    a.http().warmUp("/health/live", 20);
    b.http().warmUp("/health/live", 20);
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/gone"));
    }
    List<HttpResult> answers = collect(fs, Duration.ofSeconds(20));
    Map<String, Integer> kinds = new TreeMap<>();
    for (HttpResult r : answers) {
      assertThat(r.status()).as("%s", r).isEqualTo(404);
      kinds.merge(r.xCache() + (r.cacheStatus().contains("collapsed") ? " collapsed" : ""), 1, Integer::sum);
    }
    report("40 concurrent requests for an unstored 404 on 2 instances: upstream saw %d; answers %s", upstream.total(), kinds);
    assertThat(upstream.total()).as("upstream requests for one key across the fleet (404, not stored)").isEqualTo(1);
  }

  /**
   * An answer with {@code Set-Cookie} is never stored, and is shared like any unstored answer;
   * its cookie goes to the one request that caused the fetch, as on a single instance, never to
   * the requests that waited on another instance.
   */
  @Test
  void anAnswerWithACookieIsFetchedOnceAndOnlyOneRequestGetsTheCookie() {
    upstream.reply(Reply.ok("{\"cart\":[]}").header("Set-Cookie", "session=abc; HttpOnly").delay(500));
    Config c = config().route("items", "{ttl: 60s}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    a.http().warmUp("/health/live", 20);
    b.http().warmUp("/health/live", 20);
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fs.add(get(i % 2 == 0 ? a : b, "/api/items/cart"));
    }
    int withCookie = 0;
    for (HttpResult r : collect(fs, Duration.ofSeconds(20))) {
      assertThat(r.status()).as("%s", r).isEqualTo(200);
      assertThat(r.text()).isEqualTo("{\"cart\":[]}");
      withCookie += r.headers("Set-Cookie").size();
    }
    report("40 concurrent requests for an answer with Set-Cookie on 2 instances: upstream saw %d; %d answer(s) with the cookie",
        upstream.total(), withCookie);
    assertThat(upstream.total()).as("upstream requests for one key across the fleet (Set-Cookie, not stored)").isEqualTo(1);
    assertThat(withCookie).as("answers carrying the upstream's cookie").isEqualTo(1);
  }
}

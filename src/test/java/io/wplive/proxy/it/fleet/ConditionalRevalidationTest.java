package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 / SPEC §4: "Entries with an ETag or Last-Modified are revalidated with a conditional
 * request; a 304 renews them without a body transfer." The renewed entry is the fleet's.
 */
class ConditionalRevalidationTest extends FleetTestBase {
  private static final String BODY = "{\"sku\":\"A-1\",\"stock\":12}";
  private static final String LAST_MODIFIED = "Tue, 01 Jul 2025 10:00:00 GMT";

  private final AtomicInteger bodiesSent = new AtomicInteger();
  private final AtomicInteger notModifiedSent = new AtomicInteger();

  private Reply etagOrigin(Recorded r) {
    if ("\"v1\"".equals(r.header("If-None-Match"))) {
      notModifiedSent.incrementAndGet();
      return new Reply().status(304).body("").noHeader("Content-Type").header("ETag", "\"v1\"");
    }
    bodiesSent.incrementAndGet();
    return Reply.ok(BODY).header("ETag", "\"v1\"");
  }

  private Reply lastModifiedOrigin(Recorded r) {
    if (LAST_MODIFIED.equals(r.header("If-Modified-Since"))) {
      notModifiedSent.incrementAndGet();
      return new Reply().status(304).body("").noHeader("Content-Type");
    }
    bodiesSent.incrementAndGet();
    return Reply.ok(BODY).header("Last-Modified", LAST_MODIFIED);
  }

  private void revalidates(ProxyFixture a, ProxyFixture b, String validatorHeader) {
    HttpResult prime = a.http().get("/api/items/1");
    assertThat(prime.xCache()).isEqualTo("MISS");
    assertThat(bodiesSent.get()).isEqualTo(1);
    clock.advance(1_500); // stale (ttl 1 s)

    HttpResult renewed = a.http().get("/api/items/1");
    assertThat(renewed.status()).as("%s", renewed).isEqualTo(200);
    assertThat(renewed.text()).isEqualTo(BODY);
    assertThat(renewed.xCache()).as("%s", renewed).isEqualTo("HIT");
    assertThat(renewed.cacheStatus()).as("Cache-Status").contains("fwd=stale; fwd-status=304");
    assertThat(upstream.total()).isEqualTo(2);
    assertThat(upstream.last().header(validatorHeader)).as("conditional request header " + validatorHeader).isNotNull();
    assertThat(bodiesSent.get()).as("bodies the upstream sent").isEqualTo(1);
    assertThat(notModifiedSent.get()).isEqualTo(1);
    report("revalidation with %s: %s", validatorHeader, renewed.cacheStatus());

    // renewed: fresh again on A, and in Redis for B, without another upstream call
    HttpResult hitA = a.http().get("/api/items/1");
    assertThat(hitA.xCache()).isEqualTo("HIT");
    assertThat(hitA.cacheStatus()).contains("hit; ttl=");
    HttpResult onB = b.http().get("/api/items/1");
    assertThat(onB.xCache()).as("B reads the renewed entry from Redis: %s", onB).isEqualTo("HIT");
    assertThat(onB.text()).isEqualTo(BODY);
    assertThat(onB.cacheStatus()).doesNotContain("ttl=-");
    assertThat(upstream.total()).isEqualTo(2);
  }

  @Test
  void anEtagIsRevalidatedWithIfNoneMatchAnd304RenewsTheEntry() {
    upstream.respond(this::etagOrigin);
    Config c = config().route("items", "{ttl: 1s}");
    revalidates(startInstance(c), startInstance(c), "If-None-Match");
    assertThat(upstream.last().header("If-None-Match")).isEqualTo("\"v1\"");
  }

  @Test
  void lastModifiedIsRevalidatedWithIfModifiedSince() {
    upstream.respond(this::lastModifiedOrigin);
    Config c = config().route("items", "{ttl: 1s}");
    revalidates(startInstance(c), startInstance(c), "If-Modified-Since");
    assertThat(upstream.last().header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
  }
}

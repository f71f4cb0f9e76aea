package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyFixture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 / SPEC §3 {@code retry}: retries after the first call, for idempotent requests only,
 * inside {@code timeout}; never after a 429.
 */
class RetryTest extends FleetTestBase {
  private final AtomicInteger calls = new AtomicInteger();

  private ProxyFixture start() {
    return startInstance(config()
        .upstream("retry: {attempts: 2, backoff: 50ms}")
        .routes("""
              - name: items
                path: /api/items/:id
                upstream: api
                upstreamPath: /items/:id
                methods: [GET, POST]
                cache: {ttl: 60s}
            """));
  }

  @Test
  void aGetThatFailsOnceWith502IsRetriedAndSucceeds() {
    upstream.respond(r -> calls.incrementAndGet() == 1 ? Reply.status(502, "{\"bad\":\"gateway\"}") : Reply.ok("{\"ok\":1}"));
    ProxyFixture a = start();
    HttpResult r = a.http().get("/api/items/1");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"ok\":1}");
    assertThat(r.xCache()).isEqualTo("MISS");
    assertThat(upstream.total()).as("upstream calls").isEqualTo(2);
    report("retried GET answered in %d ms", r.millis());
  }

  @Test
  void retriesStopAfterTheConfiguredAttempts() {
    upstream.reply(Reply.status(502, "{}"));
    ProxyFixture a = start();
    HttpResult r = a.http().get("/api/items/1");
    assertJsonError(r, 502, "upstream_error");
    assertThat(upstream.total()).as("first call + 2 retries").isEqualTo(3);
  }

  @Test
  void a429IsNeverRetried() {
    upstream.respond(r -> calls.incrementAndGet() == 1
        ? Reply.status(429, "{}").header("Retry-After", "1") : Reply.ok("{\"ok\":1}"));
    ProxyFixture a = start();
    HttpResult r = a.http().get("/api/items/1");
    assertJsonError(r, 503, "upstream_rate_limited");
    assertThat(retryAfter(r)).isLessThanOrEqualTo(1);
    assertThat(upstream.total()).as("upstream calls after a 429").isEqualTo(1);
  }

  @Test
  void aPostIsNotRetried() {
    upstream.respond(r -> calls.incrementAndGet() == 1 ? Reply.status(502, "{}") : Reply.ok("{\"created\":true}"));
    ProxyFixture a = start();
    HttpResult r = a.http().post("/api/items/1", "{\"name\":\"x\"}", "Content-Type", "application/json");
    assertThat(r.status()).as("%s", r).isEqualTo(502);
    assertThat(upstream.total()).as("upstream calls for a POST that got a 502").isEqualTo(1);
    assertThat(upstream.last().method()).isEqualTo("POST");
  }
}

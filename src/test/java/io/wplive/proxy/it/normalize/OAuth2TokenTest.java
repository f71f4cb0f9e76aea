package io.wplive.proxy.it.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.LogCapture;
import io.wplive.proxy.support.ProxyTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3 auth {@code oauth2}: client-credentials tokens, one coalesced token request, refresh
 * ahead of expiry, one new token and one retry on a 401, and the secret never leaks.
 */
class OAuth2TokenTest extends ProxyTestBase {
  private static final String SECRET = "s3cr3t-Very-Private-Value-42";

  private FakeUpstream tokens;
  private final AtomicInteger issued = new AtomicInteger();
  private volatile long expiresIn = 3600;

  @BeforeEach
  void startTokenEndpoint() {
    tokens = new FakeUpstream().start();
    tokens.respond(r -> {
      if (!r.method().equals("POST") || !r.path().equals("/oauth/token")) {
        return Reply.status(404, "{}");
      }
      int n = issued.incrementAndGet();
      return Reply.ok("{\"access_token\":\"t" + n + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")
          .delay(30);
    });
    env.put("TOKENS", tokens.url());
    env.put("SECRET", SECRET);
  }

  @AfterEach
  void stopTokenEndpoint() {
    tokens.close();
  }

  private void start() {
    startProxy(yaml());
  }

  private String yaml() {
    return (config("", """
            auth:
              type: oauth2
              tokenUrl: ${TOKENS}/oauth/token
              clientId: my-client
              clientSecret: ${SECRET}
              scope: read
        """, """
          - name: item
            path: /api/items/:id
            upstream: api
            upstreamPath: /item/:id
            cache: {ttl: 60s}
        """));
  }

  private List<String> bearersSeen() {
    return upstream.requests().stream().map(r -> r.header("Authorization")).toList();
  }

  @Test
  void tokenRequestIsAFormPostWithTheClientCredentials() {
    start();
    upstream.reply(Reply.ok("{\"id\":1}"));
    HttpResult r = http.get("/api/items/1");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(tokens.total()).isEqualTo(1);
    Recorded t = tokens.last();
    assertThat(t.method()).isEqualTo("POST");
    assertThat(t.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(List.of(t.bodyString().split("&"))).contains("grant_type=client_credentials", "client_id=my-client",
        "client_secret=" + SECRET, "scope=read");
    assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer t1");
  }

  @Test
  void hundredConcurrentColdCallsMakeOneTokenRequest() {
    // a generous deadline: this is about coalescing, not speed (a loaded CI box is slow)
    startProxy(yaml().replace("timeout: 2s", "timeout: 15s"));
    upstream.reply(Reply.ok("{\"id\":1}").delay(100));
    List<Future<HttpResult>> fs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      fs.add(http.send(HttpMethod.GET, "/api/items/" + i, null, null));
    }
    Blocking.await(Future.join(fs), 30, TimeUnit.SECONDS);
    for (Future<HttpResult> f : fs) {
      assertThat(f.succeeded()).as("request failed: %s", f.cause()).isTrue();
      assertThat(f.result().status()).as("answer %s", f.result()).isEqualTo(200);
    }
    assertThat(tokens.total()).as("token requests").isEqualTo(1);
    assertThat(upstream.total()).isEqualTo(100);
    assertThat(bearersSeen()).hasSize(100).containsOnly("Bearer t1");
  }

  @Test
  void theTokenIsRefreshedAheadOfExpiryWithoutAFailedCall() {
    expiresIn = 100; // refresh ahead after 80 s, used until shortly before 100 s (90 s)
    start();
    upstream.reply(Reply.ok("{\"id\":1}"));
    assertThat(http.get("/api/items/1").status()).isEqualTo(200);
    assertThat(tokens.total()).isEqualTo(1);
    assertThat(http.get("/api/items/2").status()).isEqualTo(200);
    assertThat(tokens.total()).as("still fresh: no new token").isEqualTo(1);

    clock.advance(85_000); // past 80 % of the lifetime, before expiry
    HttpResult r = http.get("/api/items/3");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(upstream.last().header("Authorization")).as("the current token still serves this call").isEqualTo("Bearer t1");
    tokens.awaitTotal(2, Duration.ofSeconds(5));
    // the background refresh replaces the token; the next call uses it
    long deadline = System.currentTimeMillis() + 5_000;
    int id = 4;
    String bearer;
    do {
      HttpResult next = http.get("/api/items/" + id++);
      assertThat(next.status()).as("answer %s", next).isEqualTo(200);
      bearer = upstream.last().header("Authorization");
    } while (!bearer.equals("Bearer t2") && System.currentTimeMillis() < deadline && sleep10());
    assertThat(bearer).isEqualTo("Bearer t2");
    assertThat(tokens.total()).isEqualTo(2);
  }

  @Test
  void pastExpiryANewTokenIsFetchedBeforeTheCall() {
    expiresIn = 2;
    start();
    upstream.reply(Reply.ok("{\"id\":1}"));
    assertThat(http.get("/api/items/1").status()).isEqualTo(200);
    clock.advance(5_000); // expired
    HttpResult r = http.get("/api/items/2");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(tokens.total()).isEqualTo(2);
    assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer t2");
  }

  private static boolean sleep10() {
    Blocking.sleep(10);
    return true;
  }

  @Test
  void a401RefreshesTheTokenOnceAndRetriesOnce() {
    start();
    upstream.respond(r -> "Bearer t1".equals(r.header("Authorization"))
        ? Reply.status(401, "{\"error\":\"invalid_token\"}") : Reply.ok("{\"id\":1}"));
    HttpResult r = http.get("/api/items/1");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(r.text()).isEqualTo("{\"id\":1}");
    assertThat(tokens.total()).as("token requests").isEqualTo(2);
    assertThat(bearersSeen()).containsExactly("Bearer t1", "Bearer t2");
  }

  @Test
  void a401AfterTheRetryIsAnErrorWithoutALoop() {
    start();
    upstream.reply(Reply.status(401, "{\"error\":\"invalid_token\"}"));
    HttpResult r = http.get("/api/items/1");
    assertThat(r.status()).as("answer %s", r).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    assertThat(tokens.total()).isEqualTo(2);
    assertThat(upstream.total()).as("one call and one retry").isEqualTo(2);
    assertThat(r.text()).doesNotContain(SECRET);
  }

  @Test
  void theClientSecretNeverLeaks() {
    try (LogCapture logs = new LogCapture()) {
      start();
      List<HttpResult> answers = new ArrayList<>();
      upstream.reply(Reply.ok("{\"id\":1}"));
      answers.add(http.get("/api/items/1"));
      // the upstream refuses every token: error path
      upstream.reply(Reply.status(401, "{}"));
      answers.add(http.get("/api/items/2"));
      // the token endpoint refuses the credentials
      tokens.respond(req -> Reply.status(401, "{\"error\":\"invalid_client\",\"echo\":\"" + req.bodyString() + "\"}"));
      answers.add(http.get("/api/items/3"));
      // the token endpoint is down
      tokens.mode(FakeUpstream.Mode.DOWN);
      answers.add(http.get("/api/items/4"));
      answers.add(http.get("/health"));
      answers.add(http.get("/health/ready"));
      answers.add(http.get("/health/live"));
      answers.add(http.get("/metrics"));
      for (HttpResult a : answers) {
        assertThat(a.text()).as("body of %s", a).doesNotContain(SECRET);
        assertThat(a.headers().entries().toString()).doesNotContain(SECRET);
      }
      assertThat(answers.get(0).status()).isEqualTo(200);
      assertThat(answers.get(2).status()).isEqualTo(502);
      assertThat(answers.get(3).status()).isIn(502, 503, 504);
      assertThat(answers.get(4).status()).isEqualTo(200);
      assertThat(logs.lines()).isNotEmpty().noneMatch(l -> l.contains(SECRET));
      assertThat(logs.lines()).noneMatch(l -> l.contains("client_secret="));
    }
  }

  /** A token goes into the Authorization header as it is: one with a line break would forge headers upstream. */
  @Test
  void aTokenThatCannotBeAHeaderIsRefusedAndNeverSent() {
    tokens.respond(r -> Reply.ok("{\"access_token\":\"t1\\r\\nX-Forged: yes\",\"expires_in\":3600}"));
    start();
    upstream.reply(Reply.ok("{\"id\":1}"));
    HttpResult r = http.get("/api/items/1");
    assertThat(r.status()).as("answer %s", r).isEqualTo(502);
    assertThat(r.error().getString("code")).isEqualTo("upstream_error");
    assertThat(upstream.total()).as("the upstream never saw the forged header").isZero();
  }
}

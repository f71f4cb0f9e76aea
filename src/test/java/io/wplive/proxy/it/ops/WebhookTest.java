package io.wplive.proxy.it.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import io.wplive.proxy.support.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #7 / SPEC §5 POST /hooks/{upstream}: an upstream's change feed, signed with
 * HMAC-SHA256 over "&lt;timestamp&gt;.&lt;body&gt;", purges tags and paths; a wrong signature or a
 * timestamp more than 5 minutes away is 401 and purges nothing; an upstream without a
 * webhookSecret has no hook (404). The signature is computed here independently of the proxy's code.
 */
class WebhookTest extends ProxyTestBase {
  static final String SECRET = "hook-secret-0123456789abcdef";

  @BeforeEach
  void start() {
    env.put("HOOK_SECRET", SECRET);
    upstream.respond(r -> Reply.ok("{\"value\":[{\"uri\":\"" + r.uri() + "\"}]}"));
    startProxy("""
        server: {host: 127.0.0.1, port: 0}
        logging: {access: false}
        upstreams:
          api:
            baseUrl: ${UPSTREAM}/base
            timeout: 2s
            webhookSecret: ${HOOK_SECRET}
          plain:
            baseUrl: ${UPSTREAM}/plain
            timeout: 2s
        routes:
          - name: items
            path: /api/items
            upstream: api
            upstreamPath: /items
            query: {allow: [page]}
            cache: {ttl: 60s, tags: [catalog]}
          - name: product
            path: /api/products/:sku
            upstream: api
            upstreamPath: /products/:sku
            cache: {ttl: 60s, tags: [catalog]}
          - name: news
            path: /api/news
            upstream: api
            upstreamPath: /news
            cache: {ttl: 60s, tags: [news]}
          - name: listings
            path: /api/listings
            upstream: api
            upstreamPath: /listings
            cache: {ttl: 60s}
            normalize:
              items: /value
              pagination: {style: page, pageParam: p, sizeParam: size}
          - name: other
            path: /api/other
            upstream: plain
            upstreamPath: /other
            cache: {ttl: 60s}
        """);
  }

  static String sign(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  long now() {
    return clock.millis() / 1000;
  }

  HttpResult hook(String upstreamName, String body, long ts, String signature) {
    var h = TestHttp.headers("Content-Type", "application/json");
    if (ts >= 0) {
      h.add("X-Wplp-Timestamp", Long.toString(ts));
    }
    if (signature != null) {
      h.add("X-Wplp-Signature", signature);
    }
    return http.request(HttpMethod.POST, "/hooks/" + upstreamName, h, Buffer.buffer(body));
  }

  HttpResult signedHook(String body) {
    long ts = now();
    return hook("api", body, ts, sign(SECRET, ts + "." + body));
  }

  void warm(String... uris) {
    for (String u : uris) {
      assertThat(http.get(u).status()).isEqualTo(200);
      assertThat(http.get(u).xCache()).as(u).isEqualTo("HIT");
    }
  }

  String xCache(String uri) {
    return http.get(uri).xCache();
  }

  @Test
  void aValidSignaturePurgesTagsAndPaths() {
    warm("/api/items?page=1", "/api/products/a", "/api/news", "/api/other");
    HttpResult r = signedHook("{\"tags\":[\"catalog\"],\"paths\":[\"/api/news\"]}");
    assertThat(r.status()).as("answer %s", r).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.json().getInteger("purged")).isEqualTo(3);
    assertThat(xCache("/api/items?page=1")).isEqualTo("MISS");
    assertThat(xCache("/api/products/a")).isEqualTo("MISS");
    assertThat(xCache("/api/news")).isEqualTo("MISS");
    assertThat(xCache("/api/other")).isEqualTo("HIT");
  }

  @Test
  void pathsAreNormalizedLikeRequests() {
    warm("/api/items?page=2&junk=x");
    HttpResult r = signedHook("{\"paths\":[\"/api/items?junk=y&page=2\"]}");
    assertThat(r.json().getInteger("purged")).isEqualTo(1);
    assertThat(xCache("/api/items?page=2")).isEqualTo("MISS");
  }

  @Test
  void pathsOfAPaginatedRouteArePurgedToo() {
    warm("/api/listings?page=2");
    HttpResult r = signedHook("{\"paths\":[\"/api/listings?page=2\"]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getInteger("purged")).as("entries purged for /api/listings?page=2").isEqualTo(1);
    assertThat(xCache("/api/listings?page=2")).isEqualTo("MISS");
  }

  @Test
  void anEmptyFeedOrUnknownPathsPurgeNothing() {
    warm("/api/news");
    assertThat(signedHook("{}").json().getInteger("purged")).isZero();
    assertThat(signedHook("{\"tags\":[],\"paths\":[\"/not/routed\",\"/api/../x\"]}").json().getInteger("purged")).isZero();
    assertThat(xCache("/api/news")).isEqualTo("HIT");
  }

  @Test
  void aWrongSignatureIs401AndPurgesNothing() {
    warm("/api/news");
    String body = "{\"tags\":[\"news\"]}";
    long ts = now();
    List<String> wrong = List.of(
        sign("another-secret-0123456789", ts + "." + body),
        sign(SECRET, ts + "." + body + " "),
        sign(SECRET, (ts + 1) + "." + body),
        sign(SECRET, body),
        sign(SECRET, ts + body),
        "sha256=",
        "sha256=zz",
        "sha1=" + sign(SECRET, ts + "." + body).substring(7),
        sign(SECRET, ts + "." + body).substring(7),
        sign(SECRET, ts + "." + body).substring(0, 40));
    for (String sig : wrong) {
      HttpResult r = hook("api", body, ts, sig);
      assertThat(r.status()).as("signature %s: %s", sig, r).isEqualTo(401);
      assertThat(r.header("Content-Type")).startsWith("application/json");
      assertThat(r.error().getString("code")).isEqualTo("unauthorized");
      assertThat(r.text()).doesNotContain(SECRET);
    }
    assertThat(hook("api", body, ts, null).status()).as("no signature").isEqualTo(401);
    assertThat(hook("api", body, -1, sign(SECRET, ts + "." + body)).status()).as("no timestamp").isEqualTo(401);
    assertThat(xCache("/api/news")).as("nothing was purged").isEqualTo("HIT");
  }

  @Test
  void aTimestampMoreThanFiveMinutesAwayIs401AndPurgesNothing() {
    warm("/api/news");
    String body = "{\"tags\":[\"news\"]}";
    for (long ts : new long[] {now() - 301, now() - 3600, now() + 301, 0}) {
      HttpResult r = hook("api", body, ts, sign(SECRET, ts + "." + body));
      assertThat(r.status()).as("timestamp %d (now %d): %s", ts, now(), r).isEqualTo(401);
    }
    assertThat(xCache("/api/news")).isEqualTo("HIT");
    long recent = now() - 240;
    HttpResult ok = hook("api", body, recent, sign(SECRET, recent + "." + body));
    assertThat(ok.status()).as("four minutes old is fine: %s", ok).isEqualTo(200);
    assertThat(ok.json().getInteger("purged")).isEqualTo(1);
  }

  @Test
  void theProxysClockDecidesTheAge() {
    warm("/api/news");
    String body = "{\"tags\":[\"news\"]}";
    long ts = now();
    String sig = sign(SECRET, ts + "." + body);
    clock.advanceSeconds(301);
    assertThat(hook("api", body, ts, sig).status()).isEqualTo(401);
  }

  @Test
  void anUpstreamWithoutWebhookSecretHasNoHook() {
    warm("/api/other");
    String body = "{\"paths\":[\"/api/other\"]}";
    long ts = now();
    for (String name : List.of("plain", "nope", "api/../plain", "")) {
      HttpResult r = hook(name, body, ts, sign(SECRET, ts + "." + body));
      assertThat(r.status()).as("/hooks/%s: %s", name, r).isIn(400, 404);
      assertThat(r.header("Content-Type")).startsWith("application/json");
    }
    assertThat(hook("plain", body, ts, sign(SECRET, ts + "." + body)).status()).isEqualTo(404);
    assertThat(xCache("/api/other")).isEqualTo("HIT");
  }

  @Test
  void aSignedButMalformedBodyIs400() {
    for (String body : List.of("not json", "[]", "{\"tags\":\"news\"}", "{\"tags\":[1]}", "{\"paths\":{}}", "{\"purge\":true}")) {
      HttpResult r = signedHook(body);
      assertThat(r.status()).as("body %s: %s", body, r).isEqualTo(400);
    }
  }

  @Test
  void theHookNeedsPost() {
    HttpResult r = http.get("/hooks/api");
    assertThat(r.status()).isEqualTo(405);
  }
}

package io.wplive.proxy.proxy;

import static io.wplive.proxy.cache.TestEntries.assertSameEntry;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.TestEntries;
import io.wplive.proxy.cache.redis.EntryCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Redis form of what a lock owner leaves for the instances that waited on its fetch. */
class FetchOutcomeTest {
  private static final long NOW = 1_764_496_800_000L; // 2025-11-30T10:00:00Z
  private static final String KEY = "products|-|/items/A-100?page=1|";
  private static final String OWNER = "5f3a9c0d11e2b7a4";

  private static CachedResponse notStored(int status) {
    return TestEntries.builder(NOW, 0, "products").status(status).body(Buffer.buffer("{\"error\":\"no such item\"}")).build();
  }

  @Test
  void anUnstoredAnswerComesBackWithoutItsCookies() {
    CachedResponse e = notStored(404);
    Fetched f = new Fetched(e, 404, false, false, "no-store", List.of("session=abc"), 512, null, false);
    FetchOutcome.Decoded d = FetchOutcome.decode(FetchOutcome.answer(OWNER, KEY, f));
    assertThat(d).isNotNull();
    assertThat(d.owner()).isEqualTo(OWNER);
    assertThat(d.cacheKey()).isEqualTo(KEY);
    assertThat(d.failure()).isNull();
    Fetched back = d.answer();
    assertSameEntry(back.answer(), e);
    assertThat(back.upstreamStatus()).isEqualTo(404);
    assertThat(back.stored()).isFalse();
    assertThat(back.revalidated()).isFalse();
    assertThat(back.upstreamCacheControl()).isEqualTo("no-store");
    assertThat(back.setCookies()).as("Set-Cookie belongs to the request that caused the fetch").isEmpty();
    assertThat(back.upstreamMs()).isEqualTo(512);
    assertThat(back.variantKey()).isNull();
    assertThat(back.fromPeer()).as("a waiter reads it: Cache-Status says collapsed").isTrue();
  }

  @Test
  void aRevalidatedVariantKeepsItsFlagAndVariantKey() {
    CachedResponse e = TestEntries.builder(NOW, 0, "products").varyHeaders(List.of("accept-language")).build();
    String variant = KEY + "accept-language=fr";
    Fetched f = new Fetched(e, 304, false, true, null, List.of(), 3, variant, false);
    Fetched back = FetchOutcome.decode(FetchOutcome.answer(OWNER, KEY, f)).answer();
    assertThat(back.upstreamStatus()).isEqualTo(304);
    assertThat(back.revalidated()).isTrue();
    assertThat(back.upstreamCacheControl()).isNull();
    assertThat(back.variantKey()).isEqualTo(variant);
  }

  @Test
  void aFailureComesBackWithWhatTheErrorAnswerShows() {
    ProxyFailure f = new ProxyFailure(ErrorCode.UPSTREAM_RATE_LIMITED, "upstream api is rate limiting; retry later", 30, 429,
        "rate-limited");
    FetchOutcome.Decoded d = FetchOutcome.decode(FetchOutcome.failure(OWNER, KEY, f));
    assertThat(d).isNotNull();
    assertThat(d.answer()).isNull();
    ProxyFailure back = d.failure();
    assertThat(back.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
    assertThat(back.getMessage()).isEqualTo("upstream api is rate limiting; retry later");
    assertThat(back.retryAfterSeconds()).isEqualTo(30);
    assertThat(back.upstreamStatus()).isEqualTo(429);
    assertThat(back.detail()).isEqualTo("rate-limited");
    assertThat(back.relay()).isNull();
  }

  @Test
  void aRelayedFailureKeepsTheUpstreamAnswer() {
    CachedResponse relay = notStored(500);
    ProxyFailure f = new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream api answered 500", 0, 500, null).withRelay(relay);
    ProxyFailure back = FetchOutcome.decode(FetchOutcome.failure(OWNER, KEY, f)).failure();
    assertThat(back.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
    assertThat(back.upstreamStatus()).isEqualTo(500);
    assertThat(back.detail()).isNull();
    assertSameEntry(back.relay(), relay);
  }

  static Stream<Arguments> notOutcomes() {
    Buffer valid = FetchOutcome.failure(OWNER, KEY, new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "x", 0, 502, null));
    Buffer otherVersion = valid.copy();
    otherVersion.setByte(0, (byte) (FetchOutcome.VERSION + 1));
    Buffer answerWithoutEntry = meta(new JsonObject().put("owner", OWNER).put("key", KEY).put("kind", "answer").put("status", 404), null);
    Buffer unknownCode = meta(new JsonObject().put("owner", OWNER).put("key", KEY).put("kind", "failure").put("code", "TEAPOT"), null);
    Buffer unknownKind = meta(new JsonObject().put("owner", OWNER).put("key", KEY).put("kind", "maybe"), null);
    Buffer noOwner = meta(new JsonObject().put("key", KEY).put("kind", "failure").put("code", "UPSTREAM_ERROR"), null);
    Buffer entryOfAnotherKey = meta(new JsonObject().put("owner", OWNER).put("key", KEY).put("kind", "answer").put("entry", true),
        EntryCodec.encode("products|-|/items/B-200|", notStored(404)));
    Buffer wrongType = meta(new JsonObject().put("owner", OWNER).put("key", KEY).put("kind", "failure").put("code", "UPSTREAM_ERROR")
        .put("status", "five hundred"), null);
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", Buffer.buffer()),
        Arguments.of("unknown version", otherVersion),
        Arguments.of("a cache entry", EntryCodec.encode(KEY, notStored(404))),
        Arguments.of("JSON length past the end", Buffer.buffer().appendByte(FetchOutcome.VERSION).appendInt(1_000).appendString("{}")),
        Arguments.of("not JSON", Buffer.buffer().appendByte(FetchOutcome.VERSION).appendInt(3).appendString("abc")),
        Arguments.of("an answer without its entry", answerWithoutEntry),
        Arguments.of("an unknown error code", unknownCode),
        Arguments.of("an unknown kind", unknownKind),
        Arguments.of("no owner", noOwner),
        Arguments.of("an entry written for another key", entryOfAnotherKey),
        Arguments.of("a field of the wrong type", wrongType));
  }

  private static Buffer meta(JsonObject json, Buffer entry) {
    byte[] b = json.encode().getBytes(StandardCharsets.UTF_8);
    Buffer out = Buffer.buffer().appendByte(FetchOutcome.VERSION).appendInt(b.length).appendBytes(b);
    return entry == null ? out : out.appendBuffer(entry);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notOutcomes")
  void anythingElseDecodesToNull(String name, Buffer value) {
    assertThat(FetchOutcome.decode(value)).isNull();
  }

  @Test
  void everyTruncationIsNull() {
    ProxyFailure relayed = new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream api answered 503", 0, 503, null)
        .withRelay(notStored(503));
    for (Buffer valid : List.of(FetchOutcome.failure(OWNER, KEY, relayed),
        FetchOutcome.answer(OWNER, KEY, new Fetched(notStored(404), 404, false, false, null, List.of(), 1, null, false)))) {
      for (int len = 0; len < valid.length(); len++) {
        assertThat(FetchOutcome.decode(valid.getBuffer(0, len))).as("first %d of %d bytes", len, valid.length()).isNull();
      }
    }
  }
}

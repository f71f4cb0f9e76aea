package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.cache.TestEntries.assertSameEntry;
import static io.wplive.proxy.cache.TestEntries.bigBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.TestEntries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EntryCodecTest {
  private static final long NOW = 1_764_496_800_000L; // 2025-11-30T10:00:00Z
  private static final String KEY = "products|-|/items/A-100?page=1|";

  static Stream<Arguments> entries() {
    return Stream.of(
        Arguments.of("minimal", CachedResponse.builder().build()),
        Arguments.of("typical", TestEntries.builder(NOW, 60_000, "products", "inventory").build()),
        Arguments.of("empty body, 204", TestEntries.builder(NOW, 60_000, "products").status(204).body(Buffer.buffer()).build()),
        Arguments.of("every field", TestEntries.builder(NOW, 60_000, "products", "inventory", "catalog")
            .swrUntil(NOW + 90_000).sieUntil(NOW + 86_400_000).lastModified("Sun, 30 Nov 2025 09:00:00 GMT")
            .gzipBody(bigBody(700)).varyHeaders(List.of("accept-language", "x-currency")).initialAge(12_345)
            .schemaVersion("v3").build()),
        Arguments.of("must-revalidate, 404, no validators", TestEntries.builder(NOW, 10_000, "products").status(404)
            .etag(null).mustRevalidate(true).build()),
        Arguments.of("unicode headers and names", TestEntries.builder(NOW, 60_000, "städte", "東京", "\uD83D\uDE00")
            .headers(List.of(Map.entry("Content-Type", "application/json; charset=utf-8"),
                Map.entry("X-Title", "Caf\u00e9 \u2615 \uD83D\uDE00 \u00fc\u00f6\u00e4"),
                Map.entry("Link", "<https://ex.com/ä?p=2>; rel=\"next\""),
                Map.entry("X-Empty", "")))
            .etag("W/\"\u00e9t\u00e9\"").build()),
        Arguments.of("repeated headers keep their order", TestEntries.builder(NOW, 60_000, "products")
            .headers(List.of(Map.entry("Link", "<a>"), Map.entry("Vary", "Accept"), Map.entry("Link", "<b>"))).build()),
        Arguments.of("many headers", TestEntries.builder(NOW, 60_000, "products")
            .headers(IntStream.range(0, 500).mapToObj(i -> Map.entry("X-H" + i, "v" + i)).toList()).build()),
        Arguments.of("huge body with gzip copy", TestEntries.builder(NOW, 60_000, "listings")
            .body(bigBody(16 * 1024 * 1024)).gzipBody(bigBody(3 * 1024 * 1024)).build()),
        Arguments.of("negative and extreme times", TestEntries.builder(NOW, 0, "products")
            .storedAt(-1).freshUntil(Long.MAX_VALUE).initialAge(Long.MIN_VALUE).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("entries")
  void decodeGivesBackWhatWasEncoded(String name, CachedResponse e) {
    Buffer encoded = EntryCodec.encode(KEY, e);
    assertThat(encoded.getByte(0)).isEqualTo(EntryCodec.VERSION);
    EntryCodec.Decoded d = EntryCodec.decode(encoded);
    assertThat(d).isNotNull();
    assertThat(d.cacheKey()).isEqualTo(KEY);
    assertSameEntry(d.entry(), e);
  }

  @Test
  void unicodeCacheKeysSurvive() {
    String key = "listings|-|/homes/Zürich?city=東京|accept-language=fr";
    assertThat(EntryCodec.decode(EntryCodec.encode(key, TestEntries.entry(NOW, 1, "listings"))).cacheKey()).isEqualTo(key);
  }

  static Stream<Arguments> notEntries() {
    Buffer valid = EntryCodec.encode(KEY, TestEntries.builder(NOW, 60_000, "products", "inventory").build());
    Buffer otherVersion = valid.copy();
    otherVersion.setByte(0, (byte) (EntryCodec.VERSION + 1));
    Buffer trailing = valid.copy().appendByte((byte) 0);
    Buffer hugeLength = Buffer.buffer().appendByte(EntryCodec.VERSION).appendInt(Integer.MAX_VALUE).appendString("x");
    Buffer negativeLength = Buffer.buffer().appendByte(EntryCodec.VERSION).appendInt(-7).appendString("xxxxxxxx");
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = EntryCodec.VERSION;
    return Stream.of(
        Arguments.of("null", null),
        Arguments.of("empty", Buffer.buffer()),
        Arguments.of("version byte only", Buffer.buffer().appendByte(EntryCodec.VERSION)),
        Arguments.of("unknown version", otherVersion),
        Arguments.of("text", Buffer.buffer("{\"status\":200}")),
        Arguments.of("trailing byte", trailing),
        Arguments.of("length past the end", hugeLength),
        Arguments.of("negative length", negativeLength),
        Arguments.of("random bytes after a valid version byte", Buffer.buffer(noise)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notEntries")
  void decodeOfAnythingElseIsNull(String name, Buffer value) {
    assertThat(EntryCodec.decode(value)).isNull();
  }

  @Test
  void everyTruncationIsNull() {
    Buffer valid = EntryCodec.encode(KEY, TestEntries.builder(NOW, 60_000, "products", "inventory")
        .gzipBody(Buffer.buffer("gz")).lastModified("x").varyHeaders(List.of("accept")).build());
    for (int len = 0; len < valid.length(); len++) {
      assertThat(EntryCodec.decode(valid.getBuffer(0, len))).as("first %d of %d bytes", len, valid.length()).isNull();
    }
  }

  @Test
  void everySingleByteFlipIsNullOrStillAWellFormedEntry() {
    Buffer valid = EntryCodec.encode(KEY, TestEntries.builder(NOW, 60_000, "products", "inventory").build());
    for (int i = 0; i < valid.length(); i++) {
      Buffer flipped = valid.copy();
      flipped.setByte(i, (byte) ~flipped.getByte(i));
      // Never an exception: either rejected or decoded into some entry (flips in text or times).
      EntryCodec.decode(flipped);
    }
  }

  @Test
  void moreThan65535HeadersCannotBeEncoded() {
    List<Map.Entry<String, String>> headers = new ArrayList<>(Collections.nCopies(70_000, Map.entry("X", "y")));
    CachedResponse e = TestEntries.builder(NOW, 60_000, "products").headers(headers).build();
    assertThatThrownBy(() -> EntryCodec.encode(KEY, e)).isInstanceOf(IllegalArgumentException.class);
  }
}

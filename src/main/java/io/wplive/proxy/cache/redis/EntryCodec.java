package io.wplive.proxy.cache.redis;

import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CachedResponse;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link CachedResponse} as stored in Redis, together with the full cache key
 * it was stored under (the Redis key only holds a hash of it, so a reader must check the key).
 *
 * <p>Layout, big-endian. The first byte is the format version so that a proxy of another version
 * reading the same Redis sees an unknown format as a miss instead of misreading it:
 * <pre>
 *   u8   version (= 1)
 *   str  cacheKey
 *   u16  status
 *   i64  storedAt, freshUntil, swrUntil, sieUntil, initialAge
 *   u8   flags (bit 0: mustRevalidate)
 *   str  routeName, schemaVersion, etag, lastModified
 *   u16  header count, then per header: str name, str value
 *   u16  tag count, then str per tag
 *   u16  vary header count, then str per name
 *   blob body, blob gzipBody
 * </pre>
 * {@code str} and {@code blob} are an i32 length (-1 for null) followed by that many bytes (UTF-8
 * for strings). The value must end exactly after the last blob.
 *
 * <p>{@link #decode} never throws: garbage, a truncated value or an unknown version is {@code null},
 * which the tier treats as a miss.
 */
public final class EntryCodec {
  /** The format written by {@link #encode}; readers accept only this one. */
  public static final byte VERSION = 1;

  private static final int FLAG_MUST_REVALIDATE = 1;
  private static final int NULL_LENGTH = -1;
  private static final int MAX_COUNT = 0xFFFF;

  private EntryCodec() {
  }

  /** What {@link #decode} read: the cache key the value was written for, and the entry. */
  public record Decoded(String cacheKey, CachedResponse entry) {
  }

  /**
   * @throws IllegalArgumentException when a list has more than 65535 elements (headers, tags,
   *     vary names): such an entry is not something a proxy should store
   */
  public static Buffer encode(String cacheKey, CachedResponse e) {
    Buffer out = Buffer.buffer(estimateSize(cacheKey, e));
    out.appendByte(VERSION);
    appendString(out, cacheKey);
    out.appendUnsignedShort(e.status());
    out.appendLong(e.storedAt());
    out.appendLong(e.freshUntil());
    out.appendLong(e.swrUntil());
    out.appendLong(e.sieUntil());
    out.appendLong(e.initialAge());
    out.appendByte((byte) (e.mustRevalidate() ? FLAG_MUST_REVALIDATE : 0));
    appendString(out, e.routeName());
    appendString(out, e.schemaVersion());
    appendString(out, e.etag());
    appendString(out, e.lastModified());
    List<Map.Entry<String, String>> headers = e.headers();
    out.appendUnsignedShort(checkedCount(headers.size(), "headers"));
    for (Map.Entry<String, String> h : headers) {
      appendString(out, h.getKey() == null ? "" : h.getKey());
      appendString(out, h.getValue() == null ? "" : h.getValue());
    }
    appendStrings(out, e.tags(), "tags");
    appendStrings(out, e.varyHeaders(), "varyHeaders");
    appendBlob(out, e.body());
    appendBlob(out, e.gzipBody());
    return out;
  }

  /** The key and entry in {@code value}, or {@code null} when it is not a complete entry of this version. */
  public static Decoded decode(Buffer value) {
    if (value == null || value.length() < 1 || value.getByte(0) != VERSION) {
      return null;
    }
    try {
      Reader r = new Reader(value, 1);
      String cacheKey = r.string();
      CachedResponse.Builder b = CachedResponse.builder()
          .status(r.u16())
          .storedAt(r.i64())
          .freshUntil(r.i64())
          .swrUntil(r.i64())
          .sieUntil(r.i64())
          .initialAge(r.i64());
      int flags = r.u8();
      b.mustRevalidate((flags & FLAG_MUST_REVALIDATE) != 0)
          .routeName(r.string())
          .schemaVersion(r.string())
          .etag(r.string())
          .lastModified(r.string());
      int headerCount = r.count(8);
      List<Map.Entry<String, String>> headers = new ArrayList<>(headerCount);
      for (int i = 0; i < headerCount; i++) {
        headers.add(new AbstractMap.SimpleImmutableEntry<>(r.nonNullString(), r.nonNullString()));
      }
      b.headers(headers).tags(r.strings()).varyHeaders(r.strings());
      Buffer body = r.blob();
      Buffer gzip = r.blob();
      if (cacheKey == null || body == null || !r.atEnd()) {
        return null;
      }
      return new Decoded(cacheKey, b.body(body).gzipBody(gzip).build());
    } catch (RuntimeException malformed) {
      // Any read past the end or impossible value means the bytes are not ours: a miss, not an error.
      return null;
    }
  }

  private static int estimateSize(String cacheKey, CachedResponse e) {
    long size = 128L + utf8Bound(cacheKey) + utf8Bound(e.etag()) + utf8Bound(e.lastModified())
        + utf8Bound(e.routeName()) + utf8Bound(e.schemaVersion()) + e.bodySize();
    for (Map.Entry<String, String> h : e.headers()) {
      size += 8 + utf8Bound(h.getKey()) + utf8Bound(h.getValue());
    }
    for (String t : e.tags()) {
      size += 4 + utf8Bound(t);
    }
    for (String v : e.varyHeaders()) {
      size += 4 + utf8Bound(v);
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, size);
  }

  private static long utf8Bound(String s) {
    return s == null ? 0 : 3L * s.length();
  }

  private static int checkedCount(int n, String what) {
    if (n > MAX_COUNT) {
      throw new IllegalArgumentException("too many " + what + " to store: " + n);
    }
    return n;
  }

  private static void appendString(Buffer out, String s) {
    if (s == null) {
      out.appendInt(NULL_LENGTH);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.appendInt(bytes.length).appendBytes(bytes);
  }

  private static void appendStrings(Buffer out, List<String> list, String what) {
    out.appendUnsignedShort(checkedCount(list.size(), what));
    for (String s : list) {
      appendString(out, s == null ? "" : s);
    }
  }

  private static void appendBlob(Buffer out, Buffer blob) {
    if (blob == null) {
      out.appendInt(NULL_LENGTH);
      return;
    }
    out.appendInt(blob.length()).appendBuffer(blob);
  }

  /** A cursor that refuses lengths running past the end, so a bad length never allocates much. */
  private static final class Reader {
    private final Buffer buf;
    private int pos;

    Reader(Buffer buf, int pos) {
      this.buf = buf;
      this.pos = pos;
    }

    int u8() {
      need(1);
      return buf.getUnsignedByte(pos++);
    }

    int u16() {
      need(2);
      int v = buf.getUnsignedShort(pos);
      pos += 2;
      return v;
    }

    long i64() {
      need(8);
      long v = buf.getLong(pos);
      pos += 8;
      return v;
    }

    /** A list length, each element taking at least {@code minElementBytes}. */
    int count(int minElementBytes) {
      int n = u16();
      need((long) n * minElementBytes);
      return n;
    }

    String string() {
      int len = length();
      if (len == NULL_LENGTH) {
        return null;
      }
      String s = buf.getString(pos, pos + len, "UTF-8");
      pos += len;
      return s;
    }

    String nonNullString() {
      String s = string();
      if (s == null) {
        throw new IllegalStateException("null where a string is required");
      }
      return s;
    }

    List<String> strings() {
      int n = count(4);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(nonNullString());
      }
      return out;
    }

    Buffer blob() {
      int len = length();
      if (len == NULL_LENGTH) {
        return null;
      }
      // A slice shares the bytes of the value the Redis client already copied off the socket.
      Buffer b = buf.slice(pos, pos + len);
      pos += len;
      return b;
    }

    boolean atEnd() {
      return pos == buf.length();
    }

    private int length() {
      need(4);
      int len = buf.getInt(pos);
      pos += 4;
      if (len < NULL_LENGTH) {
        throw new IllegalStateException("negative length");
      }
      if (len > 0) {
        need(len);
      }
      return len;
    }

    private void need(long n) {
      if (n > buf.length() - pos) {
        throw new IllegalStateException("truncated");
      }
    }
  }
}

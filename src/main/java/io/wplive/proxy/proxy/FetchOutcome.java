package io.wplive.proxy.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.redis.EntryCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the instance that held a key's fetch lock leaves in Redis for the instances that waited
 * on it, when its fetch ended with nothing stored (an answer that is not cacheable, or a
 * failure): without it they would see the lock go and fetch again, and the upstream would get one
 * request per instance instead of one for the fleet.
 *
 * <p>It names the lock owner's token: a waiter takes only the outcome of the fetch it watched,
 * never one left by an earlier fetch, so this is never a cache.
 *
 * <p>Layout: {@code u8 version (= 1)}, {@code i32} length of a JSON object of the small fields,
 * that JSON (UTF-8), then the rest of the value: the answer, or the failure's relayed upstream
 * answer, in {@link EntryCodec}'s form, or nothing (the JSON's {@code entry} says which, so a
 * cut value is never mistaken for a complete one).
 */
final class FetchOutcome {
  static final byte VERSION = 1;

  private FetchOutcome() {
  }

  /**
   * A decoded outcome: exactly one of {@code answer} and {@code failure} is set.
   *
   * @param owner the lock token of the fetch that produced it
   * @param cacheKey the full cache key (the Redis key holds only a hash of it)
   */
  record Decoded(String owner, String cacheKey, Fetched answer, ProxyFailure failure) {
  }

  /** An answer that was not stored. Its Set-Cookie values stay with the request that caused the fetch. */
  static Buffer answer(String owner, String cacheKey, Fetched f) {
    JsonObject meta = head(owner, cacheKey, "answer")
        .put("status", f.upstreamStatus())
        .put("revalidated", f.revalidated())
        .put("cacheControl", f.upstreamCacheControl())
        .put("upstreamMs", f.upstreamMs())
        .put("variantKey", f.variantKey());
    return write(meta, EntryCodec.encode(cacheKey, f.answer()));
  }

  static Buffer failure(String owner, String cacheKey, ProxyFailure f) {
    JsonObject meta = head(owner, cacheKey, "failure")
        .put("code", f.code().name())
        .put("message", f.getMessage())
        .put("retryAfter", f.retryAfterSeconds())
        .put("status", f.upstreamStatus())
        .put("detail", f.detail());
    return write(meta, f.relay() == null ? null : EntryCodec.encode(cacheKey, f.relay()));
  }

  /**
   * The outcome in {@code value}, or {@code null} when it is missing, of another format or not
   * readable: a waiter then does what it did before outcomes existed (it fetches), never fails.
   */
  static Decoded decode(Buffer value) {
    if (value == null || value.length() < 5 || value.getByte(0) != VERSION) {
      return null;
    }
    try {
      int metaLength = value.getInt(1);
      if (metaLength < 0 || metaLength > value.length() - 5) {
        return null;
      }
      JsonObject meta = new JsonObject(value.getString(5, 5 + metaLength, StandardCharsets.UTF_8.name()));
      String owner = meta.getString("owner");
      String cacheKey = meta.getString("key");
      if (owner == null || cacheKey == null) {
        return null;
      }
      Buffer rest = value.slice(5 + metaLength, value.length());
      boolean hasEntry = rest.length() > 0;
      EntryCodec.Decoded d = hasEntry ? EntryCodec.decode(rest) : null;
      if (meta.getBoolean("entry", false) != hasEntry || hasEntry && (d == null || !d.cacheKey().equals(cacheKey))) {
        return null; // the entry part is missing, unreadable or was written for another key
      }
      CachedResponse entry = d == null ? null : d.entry();
      int status = meta.getInteger("status", 0);
      switch (meta.getString("kind", "")) {
        case "answer" -> {
          if (entry == null) {
            return null;
          }
          Fetched f = new Fetched(entry, status, false, meta.getBoolean("revalidated", false), meta.getString("cacheControl"),
              List.of(), meta.getLong("upstreamMs", 0L), meta.getString("variantKey"), true);
          return new Decoded(owner, cacheKey, f, null);
        }
        case "failure" -> {
          ProxyFailure pf = new ProxyFailure(ErrorCode.valueOf(meta.getString("code")), meta.getString("message"),
              meta.getLong("retryAfter", 0L), status, meta.getString("detail"));
          return new Decoded(owner, cacheKey, null, entry == null ? pf : pf.withRelay(entry));
        }
        default -> {
          return null;
        }
      }
    } catch (RuntimeException malformed) {
      // bad JSON, a wrong type, an unknown error code: not an outcome this version can use
      return null;
    }
  }

  private static JsonObject head(String owner, String cacheKey, String kind) {
    return new JsonObject().put("owner", owner).put("key", cacheKey).put("kind", kind);
  }

  private static Buffer write(JsonObject meta, Buffer entry) {
    Buffer json = meta.put("entry", entry != null).toBuffer();
    Buffer out = Buffer.buffer(5 + json.length() + (entry == null ? 0 : entry.length()));
    out.appendByte(VERSION).appendInt(json.length()).appendBuffer(json);
    if (entry != null) {
      out.appendBuffer(entry);
    }
    return out;
  }
}

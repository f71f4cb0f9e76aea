package io.wplive.proxy.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Redis key layout, all below one configurable prefix.
 *
 * <ul>
 *   <li>{@code <prefix>e:{<h>}}: one entry; {@code h} is a short hash of the full cache key, so
 *       keys stay short whatever the URL. The hash sits in a Cluster hash tag: every key that
 *       belongs to one entry ({@link #forEntry}: the entry itself, a fetch lock, …) lands in one
 *       slot, so multi-key operations on them work in Cluster mode.</li>
 *   <li>{@code <prefix>r:{<route>}} and {@code <prefix>t:{<tag>}}: indexes of the entry keys of
 *       one route or tag, used by purges instead of a keyspace SCAN (which in Cluster mode would
 *       have to visit every master).</li>
 *   <li>{@code <prefix>routes}: the names of the routes that have an index, so {@code clear}
 *       can find every entry of this proxy.</li>
 *   <li>{@code <prefix>invalidate}: the pub/sub channel of {@link InvalidationBus}.</li>
 * </ul>
 */
public final class RedisKeys {
  /** 12 bytes of SHA-256: collisions are astronomically unlikely, and readers check the key anyway. */
  private static final int HASH_BYTES = 12;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  });

  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The Redis key of the entry stored for {@code cacheKey}. */
  public String entry(String cacheKey) {
    return forEntry("e", cacheKey);
  }

  /**
   * A key of kind {@code kind} (e.g. {@code "l"} for a fetch lock) in the same Cluster slot as
   * the entry of {@code cacheKey}.
   */
  public String forEntry(String kind, String cacheKey) {
    return prefix + kind + ":{" + hash(cacheKey) + "}";
  }

  public String routeIndex(String route) {
    return prefix + "r:{" + route + "}";
  }

  public String tagIndex(String tag) {
    return prefix + "t:{" + tag + "}";
  }

  /** The route names that have an index. */
  public String allRoutes() {
    return prefix + "routes";
  }

  public String invalidationChannel() {
    return prefix + "invalidate";
  }

  /** The route of a cache key: everything before the first {@code |}. */
  public static String routeOf(String cacheKey) {
    int bar = cacheKey.indexOf('|');
    return bar < 0 ? cacheKey : cacheKey.substring(0, bar);
  }

  /** URL-safe Base64 of the first 12 bytes of SHA-256(cacheKey): 16 characters, never a brace. */
  static String hash(String cacheKey) {
    MessageDigest md = SHA256.get();
    md.reset();
    byte[] digest = md.digest(cacheKey.getBytes(StandardCharsets.UTF_8));
    byte[] head = new byte[HASH_BYTES];
    System.arraycopy(digest, 0, head, 0, HASH_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(head);
  }
}

package io.wplive.proxy.cache.redis;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One purge announced to every instance through {@link InvalidationBus}: drop (or, when
 * {@code soft}, mark stale) the memory copies of some cache keys, a route, a tag or everything.
 *
 * <p>Wire form, one JSON object per message:
 * <pre>
 *   {"kind":"keys","keys":["products|-|/items/A-100|"],"soft":false,"origin":"…"}
 *   {"kind":"route","route":"products","soft":true,"origin":"…"}
 *   {"kind":"tag","tag":"inventory","soft":false,"origin":"…"}
 *   {"kind":"all","soft":false,"origin":"…"}
 * </pre>
 *
 * @param keys the full cache keys, for {@link Kind#KEYS}; empty otherwise
 * @param name the route or tag name, for {@link Kind#ROUTE} / {@link Kind#TAG}; {@code null} otherwise
 * @param soft mark stale instead of dropping
 * @param origin {@link InvalidationBus#instanceId()} of the publisher, set by {@link InvalidationBus#publish}
 */
public record Invalidation(Kind kind, List<String> keys, String name, boolean soft, String origin) {
  public enum Kind { KEYS, ROUTE, TAG, ALL }

  public Invalidation {
    Objects.requireNonNull(kind, "kind");
    keys = keys == null ? List.of() : List.copyOf(keys);
    if ((kind == Kind.ROUTE || kind == Kind.TAG) && (name == null || name.isEmpty())) {
      throw new IllegalArgumentException(kind + " invalidation needs a name");
    }
    if (kind != Kind.ROUTE && kind != Kind.TAG) {
      name = null;
    }
    if (kind != Kind.KEYS) {
      keys = List.of();
    }
  }

  public static Invalidation keys(List<String> cacheKeys, boolean soft) {
    return new Invalidation(Kind.KEYS, cacheKeys, null, soft, null);
  }

  public static Invalidation route(String route, boolean soft) {
    return new Invalidation(Kind.ROUTE, List.of(), route, soft, null);
  }

  public static Invalidation tag(String tag, boolean soft) {
    return new Invalidation(Kind.TAG, List.of(), tag, soft, null);
  }

  public static Invalidation all(boolean soft) {
    return new Invalidation(Kind.ALL, List.of(), null, soft, null);
  }

  public Invalidation withOrigin(String publisher) {
    return new Invalidation(kind, keys, name, soft, publisher);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("kind", kind.name().toLowerCase(Locale.ROOT));
    switch (kind) {
      case KEYS -> json.put("keys", new JsonArray(new ArrayList<Object>(keys)));
      case ROUTE -> json.put("route", name);
      case TAG -> json.put("tag", name);
      default -> { }
    }
    json.put("soft", soft);
    if (origin != null) {
      json.put("origin", origin);
    }
    return json;
  }

  /**
   * The message in {@code text}, or {@code null} when it is not one (another program publishing
   * on the channel, or a newer format): such messages are ignored, never fatal.
   */
  public static Invalidation fromJson(String text) {
    try {
      JsonObject json = new JsonObject(text);
      Kind kind = Kind.valueOf(json.getString("kind", "").toUpperCase(Locale.ROOT));
      boolean soft = json.getBoolean("soft", false);
      String origin = json.getString("origin");
      return switch (kind) {
        case KEYS -> new Invalidation(kind, stringList(json.getJsonArray("keys")), null, soft, origin);
        case ROUTE -> new Invalidation(kind, List.of(), json.getString("route"), soft, origin);
        case TAG -> new Invalidation(kind, List.of(), json.getString("tag"), soft, origin);
        case ALL -> new Invalidation(kind, List.of(), null, soft, origin);
      };
    } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException notOurs) {
      return null;
    }
  }

  private static List<String> stringList(JsonArray arr) {
    if (arr == null) {
      throw new IllegalArgumentException("keys missing");
    }
    List<String> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      out.add(arr.getString(i));
    }
    return out;
  }
}

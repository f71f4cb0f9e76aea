package io.wplive.proxy.normalize.ical;

import java.time.zone.ZoneRules;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Zone rules built from a feed's VTIMEZONE definitions, kept between fetches. Outlook's definitions
 * start in 1601 and take ical4j's builder about a fifth of a second, while a feed sends the same
 * definitions on every fetch. Keyed by the definition's full content, so a changed definition is
 * rebuilt; bounded, because the content comes from outside. Thread-safe.
 */
final class DefinedZoneCache {
  static final int MAX_ENTRIES = 64;

  private final ConcurrentHashMap<String, ZoneRules> rules = new ConcurrentHashMap<>();

  /** The cached rules for this definition, or the built ones (a failing build throws and is not kept). */
  ZoneRules get(RawComponent definition, Supplier<ZoneRules> build) {
    String key = contentOf(definition);
    ZoneRules r = rules.get(key);
    if (r == null) {
      r = build.get();
      if (rules.size() >= MAX_ENTRIES) {
        // a feed that varies its definitions on every fetch must not grow the cache without end
        rules.clear();
      }
      rules.put(key, r);
    }
    return r;
  }

  private static String contentOf(RawComponent c) {
    StringBuilder sb = new StringBuilder();
    append(c, sb);
    return sb.toString();
  }

  private static void append(RawComponent c, StringBuilder sb) {
    sb.append("BEGIN:").append(c.name()).append('\n');
    for (RawProperty p : c.properties()) {
      sb.append(p.name()).append(new java.util.TreeMap<>(p.params())).append(':').append(p.value()).append('\n');
    }
    for (RawComponent child : c.children()) {
      append(child, sb);
    }
    sb.append("END:").append(c.name()).append('\n');
  }
}

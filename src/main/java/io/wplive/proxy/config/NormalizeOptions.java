package io.wplive.proxy.config;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code routes[].normalize:} how an upstream body becomes the {@code {data, meta}} envelope (SPEC §6). */
public final class NormalizeOptions {
  public static final Duration DEFAULT_ICAL_FROM = Duration.ofDays(-1);
  public static final Duration DEFAULT_ICAL_TO = Duration.ofDays(90);

  /** One output field: where it comes from and what type it must have. */
  public record Field(String from, String type) {
  }

  /** WordPress-style {@code page}/{@code per_page} → the upstream's style. */
  public record Pagination(String style, String pageParam, String sizeParam, String cursorParam, String nextCursor) {
  }

  private final String format;
  private final String items;
  private final Map<String, Field> fields;
  private final String total;
  private final Pagination pagination;
  private final String transform;
  private final Duration icalFrom;
  private final Duration icalTo;
  private final String schemaVersion;

  public NormalizeOptions(ConfigNode n, JsonObject raw) {
    format = n.oneOf("format", null, "json", "xml", "csv", "ical");
    items = pointer(n, "items", n.string("items", ""));
    fields = new LinkedHashMap<>();
    ConfigNode f = n.child("fields");
    if (f != null) {
      for (String name : f.keys()) {
        Object v = f.raw(name);
        String p = f.pathOf(name);
        if (v instanceof String s) {
          fields.put(name, new Field(pointerAt(n, p, s), null));
        } else if (v instanceof JsonObject o) {
          ConfigNode fn = new ConfigNode(o, p, n.problems());
          String from = fn.requiredString("from");
          String type = fn.oneOf("type", null, "string", "number", "integer", "boolean", "datetime");
          fn.finish();
          fields.put(name, new Field(from == null ? null : pointerAt(n, fn.pathOf("from"), from), type));
        } else {
          n.problems().add(p, "must be a JSON Pointer or {from, type}");
        }
      }
    }
    String t = n.string("total", null);
    if (t != null && !t.startsWith("header:")) {
      t = pointer(n, "total", t);
    } else if (t != null && !t.substring(7).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      n.problem("total", "\"" + t + "\" names no valid header");
    }
    total = t;
    ConfigNode p = n.child("pagination");
    if (p != null) {
      String style = p.oneOf("style", null, "page", "offset", "cursor");
      if (!p.has("style")) {
        p.problem("style", "is required (page, offset or cursor)");
      }
      String pageParam = p.string("pageParam", "cursor".equals(style) ? null : "page");
      String sizeParam = p.string("sizeParam", "per_page");
      String cursorParam = p.string("cursorParam", "cursor");
      String nextCursor = p.string("nextCursor", null);
      if ("cursor".equals(style) && nextCursor == null) {
        p.problem("nextCursor", "is required for the cursor style (a JSON Pointer or header:Link)");
      }
      if (nextCursor != null && !nextCursor.startsWith("header:")) {
        nextCursor = pointerAt(n, p.pathOf("nextCursor"), nextCursor);
      }
      p.finish();
      pagination = new Pagination(style, pageParam, sizeParam, cursorParam, nextCursor);
    } else {
      pagination = null;
    }
    transform = n.string("transform", null);
    if (transform != null) {
      try {
        com.schibsted.spt.data.jslt.Parser.compileString(transform);
      } catch (RuntimeException e) {
        n.problem("transform", "is not a valid JSLT expression: " + firstLine(e.getMessage()));
      }
    }
    ConfigNode ical = n.child("ical");
    if (ical != null) {
      icalFrom = ical.duration("from", DEFAULT_ICAL_FROM, true);
      icalTo = ical.duration("to", DEFAULT_ICAL_TO, true);
      if (icalTo.compareTo(icalFrom) <= 0) {
        ical.problem("to", "must be after from");
      }
      ical.finish();
    } else {
      icalFrom = DEFAULT_ICAL_FROM;
      icalTo = DEFAULT_ICAL_TO;
    }
    schemaVersion = hash(raw);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String pointer(ConfigNode n, String key, String s) {
    return pointerAt(n, n.pathOf(key), s);
  }

  private static String pointerAt(ConfigNode n, String path, String s) {
    if (!s.isEmpty() && !s.startsWith("/")) {
      n.problems().add(path, "\"" + s + "\" is not a JSON Pointer (it starts with / or is empty)");
    }
    return s;
  }

  /** A short stable hash of the mapping as written, so editing a mapping changes every cache key. */
  private static String hash(JsonObject raw) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] d = md.digest(canonical(raw).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 6; i++) {
        sb.append(String.format("%02x", d[i]));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String canonical(Object v) {
    if (v instanceof JsonObject o) {
      StringBuilder sb = new StringBuilder("{");
      o.fieldNames().stream().sorted().forEach(k -> sb.append(k).append('=').append(canonical(o.getValue(k))).append(';'));
      return sb.append('}').toString();
    }
    if (v instanceof io.vertx.core.json.JsonArray a) {
      StringBuilder sb = new StringBuilder("[");
      a.forEach(e -> sb.append(canonical(e)).append(','));
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  /** {@code null} = decide from the upstream's Content-Type. */
  public String format() { return format; }
  public String items() { return items; }
  /** Empty = items as they are. */
  public Map<String, Field> fields() { return fields; }
  /** A JSON Pointer, {@code header:Name}, or {@code null}. */
  public String total() { return total; }
  public Pagination pagination() { return pagination; }
  public String transform() { return transform; }
  public Duration icalFrom() { return icalFrom; }
  public Duration icalTo() { return icalTo; }
  /** Part of every cache key of the route. */
  public String schemaVersion() { return schemaVersion; }
}

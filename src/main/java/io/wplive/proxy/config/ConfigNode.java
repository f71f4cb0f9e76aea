package io.wplive.proxy.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One object of the YAML tree, read field by field. Every accessor takes a default, records a
 * problem (with the field's full path) instead of throwing, and remembers which keys it read, so
 * {@link #finish()} can report the keys nobody asked for: those are usually typos.
 */
public final class ConfigNode {
  private final JsonObject json;
  private final String path;
  private final ConfigProblems problems;
  private final Set<String> read = new HashSet<>();

  public ConfigNode(JsonObject json, String path, ConfigProblems problems) {
    this.json = json == null ? new JsonObject() : json;
    this.path = path;
    this.problems = problems;
  }

  /** The path of {@code key} below this node, as problems print it. */
  public String pathOf(String key) {
    return childPath(path, key);
  }

  /** The path of {@code key} below {@code path}. */
  static String childPath(String path, String key) {
    String k = segment(key);
    if (k.startsWith("[")) {
      return path + k;
    }
    return path.isEmpty() ? k : path + "." + k;
  }

  /**
   * A key as it appears in a problem's path: as written when it is a plain name, else quoted
   * (JSON-escaped, ':' too), so a problem line always reads {@code path: message}.
   */
  static String segment(String key) {
    if (key.matches("[A-Za-z0-9_$@*-]+")) {
      return key;
    }
    StringBuilder sb = new StringBuilder("[\"");
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == ':' || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append("\"]").toString();
  }

  public String path() {
    return path;
  }

  public ConfigProblems problems() {
    return problems;
  }

  /** This object's content, for change detection (may contain secrets: never log it). */
  public String fingerprint() {
    return json.encode();
  }

  public boolean has(String key) {
    return json.containsKey(key) && json.getValue(key) != null;
  }

  public Set<String> keys() {
    return json.fieldNames();
  }

  public void problem(String key, String message) {
    problems.add(pathOf(key), message);
  }

  private Object value(String key) {
    read.add(key);
    return json.getValue(key);
  }

  /** A nested object; absent → {@code null}. */
  public ConfigNode child(String key) {
    Object v = value(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      problem(key, "must be an object");
      return null;
    }
    return new ConfigNode(o, pathOf(key), problems);
  }

  /** A nested object, or an empty one when absent (so its defaults apply). */
  public ConfigNode childOrEmpty(String key) {
    ConfigNode c = child(key);
    return c != null ? c : new ConfigNode(new JsonObject(), pathOf(key), problems);
  }

  public String string(String key, String def) {
    Object v = value(key);
    if (v == null) {
      return def;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    problem(key, "must be a string");
    return def;
  }

  /** A string that must be there and not be blank. */
  public String requiredString(String key) {
    if (!has(key)) {
      read.add(key);
      problem(key, "is required");
      return null;
    }
    String s = string(key, null);
    if (s != null && s.isBlank()) {
      problem(key, "must not be empty");
      return null;
    }
    return s;
  }

  public boolean bool(String key, boolean def) {
    Object v = value(key);
    if (v == null) {
      return def;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.parseBoolean(s);
    }
    problem(key, quote(v) + " is not true or false");
    return def;
  }

  public int integer(String key, int def, int min, int max) {
    Object v = value(key);
    if (v == null) {
      return def;
    }
    long n;
    if (v instanceof Number num && (num instanceof Integer || num instanceof Long)) {
      n = num.longValue();
    } else if (v instanceof String s && s.trim().matches("-?\\d{1,10}")) {
      n = Long.parseLong(s.trim());
    } else {
      problem(key, quote(v) + " is not a whole number");
      return def;
    }
    if (n < min || n > max) {
      problem(key, n + " is out of range (" + min + " to " + max + ")");
      return def;
    }
    return (int) n;
  }

  public Duration duration(String key, Duration def) {
    return duration(key, def, false);
  }

  public Duration duration(String key, Duration def, boolean allowNegative) {
    Object v = value(key);
    if (v == null) {
      return def;
    }
    Duration d = null;
    if (v instanceof Number n && n.longValue() == 0 && !(v instanceof Double)) {
      d = Duration.ZERO;
    } else if (v instanceof String s) {
      d = Durations.parse(s, allowNegative);
    }
    if (d == null) {
      problem(key, quote(v) + " is not a duration (use 250ms, 30s, 5m, 2h or 7d)");
      return def;
    }
    return d;
  }

  public long size(String key, long def) {
    Object v = value(key);
    if (v == null) {
      return def;
    }
    long n = -1;
    if (v instanceof Number num && num.longValue() == 0 && !(v instanceof Double)) {
      n = 0;
    } else if (v instanceof String s) {
      n = Sizes.parse(s);
    }
    if (n < 0) {
      problem(key, quote(v) + " is not a size (use 512KB, 64MB or 1GB)");
      return def;
    }
    return n;
  }

  /** One of {@code allowed}, compared as written. */
  public String oneOf(String key, String def, String... allowed) {
    String s = string(key, null);
    if (s == null) {
      return def;
    }
    for (String a : allowed) {
      if (a.equals(s)) {
        return s;
      }
    }
    problem(key, quote(s) + " is not one of " + String.join(", ", allowed));
    return def;
  }

  public List<String> stringList(String key) {
    Object v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      problem(key, "must be a list");
      return List.of();
    }
    List<String> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      Object e = arr.getValue(i);
      if (e instanceof String || e instanceof Number || e instanceof Boolean) {
        out.add(String.valueOf(e));
      } else {
        problems.add(pathOf(key) + "[" + i + "]", "must be a string");
      }
    }
    return List.copyOf(out);
  }

  /** A list of objects, each read by {@code reader} at its own indexed path. */
  public <T> List<T> objectList(String key, Function<ConfigNode, T> reader) {
    Object v = value(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      problem(key, "must be a list");
      return List.of();
    }
    List<T> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      Object e = arr.getValue(i);
      String p = pathOf(key) + "[" + i + "]";
      if (!(e instanceof JsonObject o)) {
        problems.add(p, "must be an object");
        continue;
      }
      ConfigNode n = new ConfigNode(o, p, problems);
      T t = reader.apply(n);
      n.finish();
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** A map of name → object (upstreams), each read at {@code key.name}. Keeps file order. */
  public <T> Map<String, T> objectMap(String key, java.util.function.BiFunction<String, ConfigNode, T> reader) {
    Object v = value(key);
    Map<String, T> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      problem(key, "must be an object of named entries");
      return out;
    }
    for (String name : o.fieldNames()) {
      Object e = o.getValue(name);
      String p = new ConfigNode(null, pathOf(key), problems).pathOf(name);
      if (!(e instanceof JsonObject eo)) {
        problems.add(p, "must be an object");
        continue;
      }
      ConfigNode n = new ConfigNode(eo, p, problems);
      T t = reader.apply(name, n);
      n.finish();
      if (t != null) {
        out.put(name, t);
      }
    }
    return out;
  }

  /** A map of name → string (headers, query defaults). Keeps file order. */
  public Map<String, String> stringMap(String key) {
    Object v = value(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonObject o)) {
      problem(key, "must be an object of name: value");
      return out;
    }
    for (String name : o.fieldNames()) {
      Object e = o.getValue(name);
      if (e instanceof String || e instanceof Number || e instanceof Boolean) {
        out.put(name, String.valueOf(e));
      } else {
        problems.add(new ConfigNode(null, pathOf(key), problems).pathOf(name), "must be a string");
      }
    }
    return out;
  }

  /** Marks a key as known without reading it (it is read elsewhere). */
  public Object raw(String key) {
    return value(key);
  }

  /** Reports every key of this object that no accessor read: unknown keys are errors. */
  public void finish() {
    for (String k : json.fieldNames()) {
      if (!read.contains(k)) {
        problems.add(pathOf(k), "unknown key");
      }
    }
  }

  static String quote(Object v) {
    return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
  }
}

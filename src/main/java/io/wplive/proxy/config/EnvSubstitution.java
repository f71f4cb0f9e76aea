package io.wplive.proxy.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${file:/path}} in every string of
 * the YAML tree before it is read. An unset variable without a default is a problem naming the
 * field; a file's single trailing newline is dropped (secrets written with {@code echo}).
 */
public final class EnvSubstitution {
  private final Function<String, String> env;
  private final ConfigProblems problems;

  public EnvSubstitution(Function<String, String> env, ConfigProblems problems) {
    this.env = env;
    this.problems = problems;
  }

  /** Returns a substituted deep copy of {@code root}. */
  public JsonObject apply(JsonObject root) {
    return object(root, "");
  }

  private JsonObject object(JsonObject in, String path) {
    JsonObject out = new JsonObject();
    for (String k : in.fieldNames()) {
      out.put(k, value(in.getValue(k), ConfigNode.childPath(path, k)));
    }
    return out;
  }

  private Object value(Object v, String path) {
    if (v instanceof JsonObject o) {
      return object(o, path);
    }
    if (v instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      for (int i = 0; i < a.size(); i++) {
        out.add(value(a.getValue(i), path + "[" + i + "]"));
      }
      return out;
    }
    if (v instanceof String s && s.contains("${")) {
      return substitute(s, path);
    }
    return v;
  }

  /** Substitutes one string; public for tests. */
  public String substitute(String s, String path) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int start = s.indexOf("${", i);
      if (start < 0) {
        out.append(s, i, s.length());
        break;
      }
      int end = s.indexOf('}', start + 2);
      if (end < 0) {
        problems.add(path, "unterminated ${ in \"" + s + "\"");
        return s;
      }
      out.append(s, i, start);
      out.append(resolve(s.substring(start + 2, end), path));
      i = end + 1;
    }
    return out.toString();
  }

  private String resolve(String expr, String path) {
    if (expr.startsWith("file:")) {
      String file = expr.substring(5);
      try {
        String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        if (content.endsWith("\r\n")) {
          return content.substring(0, content.length() - 2);
        }
        return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
      } catch (IOException | RuntimeException e) {
        problems.add(path, "cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
        return "";
      }
    }
    int dflt = expr.indexOf(":-");
    String name = dflt >= 0 ? expr.substring(0, dflt) : expr;
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      problems.add(path, "\"${" + expr + "}\" is not a valid variable reference");
      return "";
    }
    String value = env.apply(name);
    if (value != null && !(dflt >= 0 && value.isEmpty())) {
      return value;
    }
    if (dflt >= 0) {
      return expr.substring(dflt + 2);
    }
    problems.add(path, "environment variable " + name + " is not set (use ${" + name + ":-default} for an optional one)");
    return "";
  }
}

package io.wplive.proxy.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code upstreamPath} compiled: literal text with {@code :param} references, and an optional
 * trailing {@code /*} that appends the rest of the request path.
 */
public final class UpstreamPathTemplate {
  private final String[] literals;   // literals[i] comes before param refs[i]; one more literal than refs
  private final int[] refs;          // index into the route pattern's params
  private final boolean appendRest;

  private UpstreamPathTemplate(String[] literals, int[] refs, boolean appendRest) {
    this.literals = literals;
    this.refs = refs;
    this.appendRest = appendRest;
  }

  /** @throws IllegalArgumentException naming the param or wildcard that does not fit {@code pattern} */
  public static UpstreamPathTemplate compile(String template, PathPattern pattern) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("must start with /");
    }
    boolean rest = template.endsWith("/*");
    if (rest && !pattern.wildcard()) {
      throw new IllegalArgumentException("ends in /* but the route path has no /*");
    }
    String body = rest ? template.substring(0, template.length() - 1) : template; // keep the '/'
    List<String> lits = new ArrayList<>();
    List<Integer> refs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      int j = i + 1;
      while (c == ':' && j < body.length() && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_')) {
        j++;
      }
      String name = c == ':' ? body.substring(i + 1, j) : "";
      int idx = name.isEmpty() ? -1 : pattern.paramNames().indexOf(name);
      if (c == ':' && idx < 0 && (i == 0 || body.charAt(i - 1) == '/')) {
        // a whole segment spelled like a parameter must be one: a typo would call one fixed URL for every key
        throw new IllegalArgumentException(":" + name + " is not a parameter of the route path " + pattern.text());
      }
      if (idx >= 0) {
        // anywhere in a segment (OData's /Property(':key')); other colons stay literal (/items:batchGet)
        lits.add(cur.toString());
        cur.setLength(0);
        refs.add(idx);
        i = j;
      } else {
        if (c == '*') {
          throw new IllegalArgumentException("* is only allowed as the last segment, /*");
        }
        cur.append(c);
        i++;
      }
    }
    lits.add(cur.toString());
    if (rest && !body.endsWith("/")) {
      throw new IllegalArgumentException("/* must follow a /");
    }
    return new UpstreamPathTemplate(lits.toArray(new String[0]), refs.stream().mapToInt(Integer::intValue).toArray(), rest);
  }

  /**
   * @param params canonical (percent-encoded) param values, by pattern index
   * @param rest canonical rest of the path for {@code /*} routes, or null
   */
  public void render(StringBuilder out, String[] params, String rest) {
    for (int i = 0; i < refs.length; i++) {
      out.append(literals[i]).append(params[refs[i]]);
    }
    String tail = literals[literals.length - 1];
    if (appendRest) {
      // tail ends with '/', rest has no leading '/'
      out.append(tail);
      if (rest != null) {
        out.append(rest);
      }
    } else {
      out.append(tail);
    }
  }
}

package io.wplive.proxy.routing;

import io.wplive.proxy.http.PercentCoding;

/**
 * Refuses request paths that could change which upstream path is called: dot segments and
 * slashes or backslashes in any encoding (including double encoding such as {@code %252e}),
 * {@code ;} path parameters, control characters and bytes that are not UTF-8 (overlong forms).
 * Runs before routing, so a refused path never reaches an upstream.
 */
public final class PathGuard {
  private PathGuard() {
  }

  /** @return why {@code rawPath} is refused, or {@code null} when it is safe */
  public static String check(String rawPath) {
    if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
      return "the path must start with /";
    }
    boolean plain = true;
    for (int i = 0; i < rawPath.length(); i++) {
      char c = rawPath.charAt(i);
      if (c == '%' || c == '.' || c == ';' || c == '\\' || c < 0x21 || c >= 0x7f) {
        plain = false;
        break;
      }
    }
    if (plain) {
      return null; // the hot path: nothing that could hide a traversal
    }
    int start = 1;
    while (start <= rawPath.length()) {
      int end = rawPath.indexOf('/', start);
      if (end < 0) {
        end = rawPath.length();
      }
      String why = checkSegment(rawPath.substring(start, end));
      if (why != null) {
        return why;
      }
      start = end + 1;
    }
    return null;
  }

  static String checkSegment(String raw) {
    String s = raw;
    // decode until stable (at most 3 rounds): %252e → %2e → '.'
    for (int round = 0; round < 3; round++) {
      String why = inspect(s);
      if (why != null) {
        return why;
      }
      if (s.indexOf('%') < 0) {
        return null;
      }
      try {
        s = PercentCoding.decode(s, false);
      } catch (IllegalArgumentException e) {
        // after a first valid decoding, what is left is data: a literal '%' cannot decode further
        return round == 0 ? "the path has a malformed percent escape or bytes that are not UTF-8" : null;
      }
    }
    return inspect(s) != null ? inspect(s) : (s.indexOf('%') >= 0 && s.matches(".*%[0-9a-fA-F]{2}.*") ? "the path is encoded too many times" : null);
  }

  private static String inspect(String s) {
    if (s.equals(".") || s.equals("..")) {
      return "dot segments are not allowed in the path";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\\') {
        return "encoded slashes and backslashes are not allowed in the path";
      }
      if (c == ';') {
        return "path parameters (;) are not allowed";
      }
      if (c < 0x20 || c == 0x7f) {
        return "control characters are not allowed in the path";
      }
    }
    return null;
  }
}

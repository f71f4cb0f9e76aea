package io.wplive.proxy.proxy;

/** Client conditional requests against a stored entry (RFC 9110 §13.1.2, weak comparison). */
public final class Conditionals {
  private Conditionals() {
  }

  /** Whether {@code If-None-Match} matches {@code etag}, so the answer is a 304. */
  public static boolean noneMatch(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    String target = opaque(etag);
    int i = 0;
    int n = ifNoneMatch.length();
    while (i < n) {
      while (i < n && (ifNoneMatch.charAt(i) == ' ' || ifNoneMatch.charAt(i) == '\t' || ifNoneMatch.charAt(i) == ',')) {
        i++;
      }
      if (i < n && ifNoneMatch.charAt(i) == '*') {
        return true;
      }
      int start = i;
      if (ifNoneMatch.startsWith("W/", i)) {
        i += 2;
      }
      if (i < n && ifNoneMatch.charAt(i) == '"') {
        int close = ifNoneMatch.indexOf('"', i + 1);
        if (close < 0) {
          return false;
        }
        if (ifNoneMatch.substring(i, close + 1).equals(target)) {
          return true;
        }
        i = close + 1;
      } else {
        while (i < n && ifNoneMatch.charAt(i) != ',') {
          i++;
        }
        if (i == start) {
          i++;
        }
      }
    }
    return false;
  }

  private static String opaque(String etag) {
    return etag.startsWith("W/") ? etag.substring(2) : etag;
  }
}

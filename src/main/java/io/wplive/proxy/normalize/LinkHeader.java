package io.wplive.proxy.normalize;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The {@code rel="next"} target of an RFC 8288 {@code Link} header, and a query parameter of it. */
final class LinkHeader {
  private LinkHeader() {
  }

  /** The URL of the first link whose {@code rel} includes {@code next}, or {@code null}. */
  static String nextUrl(String header) {
    if (header == null) {
      return null;
    }
    int i = 0;
    while (true) {
      int open = header.indexOf('<', i);
      if (open < 0) {
        return null;
      }
      int close = header.indexOf('>', open);
      if (close < 0) {
        return null;
      }
      String url = header.substring(open + 1, close).trim();
      int end = nextLinkStart(header, close + 1);
      String params = header.substring(close + 1, end);
      if (relIncludesNext(params)) {
        return url;
      }
      i = end;
    }
  }

  /** The offset of the comma ending this link's parameters (quotes respected), or the header's end. */
  private static int nextLinkStart(String header, int from) {
    boolean quoted = false;
    for (int k = from; k < header.length(); k++) {
      char c = header.charAt(k);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return k;
      }
    }
    return header.length();
  }

  private static boolean relIncludesNext(String params) {
    for (String param : params.split(";")) {
      int eq = param.indexOf('=');
      if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String value = param.substring(eq + 1).trim().replace("\"", "");
      for (String rel : value.split("\\s+")) {
        if (rel.toLowerCase(Locale.ROOT).equals("next")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The decoded value of query parameter {@code name} in {@code url}, or {@code null}. */
  static String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0 || name == null) {
      return null;
    }
    int hash = url.indexOf('#', q);
    String query = url.substring(q + 1, hash < 0 ? url.length() : hash);
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (name.equals(key)) {
        return eq < 0 ? "" : decode(pair.substring(eq + 1));
      }
    }
    return null;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a malformed escape: the raw text is the best we have
      return s;
    }
  }
}

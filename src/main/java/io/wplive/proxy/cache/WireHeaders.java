package io.wplive.proxy.cache;

import io.vertx.core.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an entry's replayed headers into pre-encoded pairs; see {@link CachedResponse#wireHeaders()}. */
final class WireHeaders {
  static final CharSequence ETAG = HttpHeaders.ETAG;
  static final CharSequence LAST_MODIFIED = HttpHeaders.LAST_MODIFIED;

  private WireHeaders() {
  }

  static CharSequence[] render(List<Map.Entry<String, String>> headers, String etag, String lastModified) {
    List<CharSequence> out = new ArrayList<>(headers.size() * 2 + 4);
    for (Map.Entry<String, String> h : headers) {
      add(out, HttpHeaders.createOptimized(h.getKey()), h.getKey(), h.getValue());
    }
    if (etag != null) {
      add(out, ETAG, "etag", etag);
    }
    if (lastModified != null) {
      add(out, LAST_MODIFIED, "last-modified", lastModified);
    }
    return out.toArray(new CharSequence[0]);
  }

  private static void add(List<CharSequence> out, CharSequence encodedName, String name, String value) {
    if (validName(name) && validValue(value)) {
      out.add(encodedName);
      out.add(HttpHeaders.createOptimized(value));
    }
  }

  /** RFC 9110 §5.1: a token. */
  static boolean validName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        return false;
      }
    }
    return true;
  }

  /** RFC 9110 §5.5: visible characters, spaces and tabs; no CR, LF or NUL; one byte per character. */
  static boolean validValue(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }
}

package io.wplive.proxy.cache;

import io.vertx.core.http.HttpHeaders;
import io.wplive.proxy.http.HeaderSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders an entry's replayed headers into pre-encoded pairs; see {@link CachedResponse#wireHeaders()}. */
final class WireHeaders {
  private WireHeaders() {
  }

  static CharSequence[] render(List<Map.Entry<String, String>> headers, String etag, String lastModified) {
    List<CharSequence> out = new ArrayList<>(headers.size() * 2 + 4);
    for (Map.Entry<String, String> h : headers) {
      add(out, HttpHeaders.createOptimized(h.getKey()), h.getKey(), h.getValue());
    }
    if (etag != null) {
      add(out, HttpHeaders.ETAG, "etag", etag);
    }
    if (lastModified != null) {
      add(out, HttpHeaders.LAST_MODIFIED, "last-modified", lastModified);
    }
    return out.toArray(new CharSequence[0]);
  }

  private static void add(List<CharSequence> out, CharSequence encodedName, String name, String value) {
    if (HeaderSyntax.validName(name) && HeaderSyntax.validValue(value)) {
      out.add(encodedName);
      out.add(HttpHeaders.createOptimized(value));
    }
  }
}

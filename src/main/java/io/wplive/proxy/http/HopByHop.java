package io.wplive.proxy.http;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Hop-by-hop headers (RFC 9110 §7.6.1): never forwarded in either direction. */
public final class HopByHop {
  private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

  private HopByHop() {
  }

  /**
   * The lower-cased names to drop for a message: the fixed set plus every name its
   * {@code Connection} header lists.
   */
  public static Set<String> namesFor(Iterable<String> connectionValues) {
    Set<String> out = null;
    for (String v : connectionValues) {
      for (String token : v.split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          if (out == null) {
            out = new HashSet<>(ALWAYS);
          }
          out.add(t);
        }
      }
    }
    return out == null ? ALWAYS : out;
  }

  public static boolean isAlways(String lowerName) {
    return ALWAYS.contains(lowerName);
  }
}

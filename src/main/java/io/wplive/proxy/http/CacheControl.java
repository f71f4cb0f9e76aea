package io.wplive.proxy.http;

import java.util.Locale;

/**
 * The directives of one or more {@code Cache-Control} header values (RFC 9111 §5.2) that a shared
 * cache acts on. Unknown directives are ignored; a malformed delta-seconds counts as absent,
 * except that {@code max-age} with a bad value is treated as stale ({@code 0}) as §4.2.1 advises.
 */
public final class CacheControl {
  public static final CacheControl EMPTY = new CacheControl();

  boolean noStore;
  boolean noCache;
  boolean isPrivate;
  boolean isPublic;
  boolean mustRevalidate;
  boolean proxyRevalidate;
  boolean noTransform;
  long maxAge = -1;
  long sMaxAge = -1;
  long staleWhileRevalidate = -1;
  long staleIfError = -1;
  long maxStale = -1;
  long minFresh = -1;
  boolean onlyIfCached;

  private CacheControl() {
  }

  /** Parses every value (a header may repeat); {@code null} or empty → {@link #EMPTY}. */
  public static CacheControl parse(Iterable<String> values) {
    CacheControl cc = null;
    if (values == null) {
      return EMPTY;
    }
    for (String v : values) {
      if (v == null || v.isBlank()) {
        continue;
      }
      if (cc == null) {
        cc = new CacheControl();
      }
      cc.parseInto(v);
    }
    return cc == null ? EMPTY : cc;
  }

  public static CacheControl parse(String value) {
    return value == null ? EMPTY : parse(java.util.List.of(value));
  }

  private void parseInto(String value) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      while (i < n && (value.charAt(i) == ',' || value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      int nameStart = i;
      while (i < n && value.charAt(i) != '=' && value.charAt(i) != ',') {
        i++;
      }
      String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
      String arg = null;
      if (i < n && value.charAt(i) == '=') {
        i++;
        if (i < n && value.charAt(i) == '"') {
          int close = value.indexOf('"', i + 1);
          close = close < 0 ? n : close;
          arg = value.substring(i + 1, close);
          i = Math.min(n, close + 1);
          while (i < n && value.charAt(i) != ',') {
            i++;
          }
        } else {
          int start = i;
          while (i < n && value.charAt(i) != ',') {
            i++;
          }
          arg = value.substring(start, i).trim();
        }
      }
      apply(name, arg);
    }
  }

  private void apply(String name, String arg) {
    switch (name) {
      case "no-store" -> noStore = true;
      // no-cache="Set-Cookie" (qualified) is honoured as the unqualified form: the stricter reading
      case "no-cache" -> noCache = true;
      case "private" -> isPrivate = true;
      case "public" -> isPublic = true;
      case "must-revalidate" -> mustRevalidate = true;
      case "proxy-revalidate" -> proxyRevalidate = true;
      case "no-transform" -> noTransform = true;
      case "only-if-cached" -> onlyIfCached = true;
      case "max-age" -> maxAge = maxAge < 0 ? seconds(arg, 0) : Math.min(maxAge, seconds(arg, 0));
      case "s-maxage" -> sMaxAge = sMaxAge < 0 ? seconds(arg, -1) : Math.min(sMaxAge, Math.max(0, seconds(arg, 0)));
      case "stale-while-revalidate" -> staleWhileRevalidate = seconds(arg, -1);
      case "stale-if-error" -> staleIfError = seconds(arg, -1);
      case "max-stale" -> maxStale = arg == null ? Long.MAX_VALUE / 2000 : seconds(arg, -1);
      case "min-fresh" -> minFresh = seconds(arg, -1);
      default -> {
        // unknown directives are ignored (RFC 9111 §5.2.3)
      }
    }
  }

  /** delta-seconds; an overflow is capped at 2^31 seconds as §1.2.2 says. */
  static long seconds(String arg, long onError) {
    if (arg == null || arg.isEmpty()) {
      return onError;
    }
    for (int i = 0; i < arg.length(); i++) {
      if (arg.charAt(i) < '0' || arg.charAt(i) > '9') {
        return onError;
      }
    }
    if (arg.length() > 10) {
      return 2147483648L;
    }
    return Math.min(Long.parseLong(arg), 2147483648L);
  }

  public boolean noStore() { return noStore; }
  public boolean noCache() { return noCache; }
  public boolean isPrivate() { return isPrivate; }
  public boolean isPublic() { return isPublic; }
  public boolean mustRevalidate() { return mustRevalidate; }
  public boolean proxyRevalidate() { return proxyRevalidate; }
  /** Seconds, or -1 when absent. */
  public long maxAge() { return maxAge; }
  public long sMaxAge() { return sMaxAge; }
  public long staleWhileRevalidate() { return staleWhileRevalidate; }
  public long staleIfError() { return staleIfError; }
  public long maxStale() { return maxStale; }
  public long minFresh() { return minFresh; }
  public boolean onlyIfCached() { return onlyIfCached; }
}

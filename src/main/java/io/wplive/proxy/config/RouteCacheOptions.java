package io.wplive.proxy.config;

import java.time.Duration;
import java.util.List;

/** {@code routes[].cache:} how long answers live and what splits the key. */
public final class RouteCacheOptions {
  private final Duration ttl;
  private final Duration staleWhileRevalidate;
  private final Duration staleIfError;
  private final boolean honorCacheControl;
  private final Duration negativeTtl;
  private final List<String> varyHeaders;
  private final List<String> tags;
  private final String clientCacheControl;

  /** The policy of a route with no {@code cache:} section: RFC 9111 from the upstream's headers. */
  public static RouteCacheOptions honorUpstream() {
    return new RouteCacheOptions(Duration.ZERO, Duration.ZERO, Duration.ZERO, true, Duration.ZERO, List.of(), List.of(), null);
  }

  private RouteCacheOptions(Duration ttl, Duration swr, Duration sie, boolean honor, Duration negativeTtl,
      List<String> varyHeaders, List<String> tags, String clientCacheControl) {
    this.ttl = ttl;
    this.staleWhileRevalidate = swr;
    this.staleIfError = sie;
    this.honorCacheControl = honor;
    this.negativeTtl = negativeTtl;
    this.varyHeaders = varyHeaders;
    this.tags = tags;
    this.clientCacheControl = clientCacheControl;
  }

  public RouteCacheOptions(ConfigNode n) {
    ttl = n.duration("ttl", Duration.ZERO);
    staleWhileRevalidate = n.duration("staleWhileRevalidate", Duration.ZERO);
    staleIfError = n.duration("staleIfError", Duration.ZERO);
    honorCacheControl = n.bool("honorCacheControl", ttl.isZero());
    negativeTtl = n.duration("negativeTtl", Duration.ZERO);
    List<String> vary = n.stringList("varyHeaders");
    for (int i = 0; i < vary.size(); i++) {
      if (!vary.get(i).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
        n.problems().add(n.pathOf("varyHeaders") + "[" + i + "]", "\"" + vary.get(i) + "\" is not a header name");
      }
    }
    varyHeaders = vary.stream().map(h -> h.toLowerCase(java.util.Locale.ROOT)).toList();
    tags = n.stringList("tags");
    String ccc = n.string("clientCacheControl", null);
    if (ccc != null && !io.wplive.proxy.http.HeaderSyntax.validValue(ccc)) {
      n.problem("clientCacheControl", "must be one line of text (no control characters)");
      ccc = null;
    }
    clientCacheControl = ccc;
  }

  /** {@link Duration#ZERO} = no fixed ttl (store only what upstream headers allow). */
  public Duration ttl() { return ttl; }
  public Duration staleWhileRevalidate() { return staleWhileRevalidate; }
  public Duration staleIfError() { return staleIfError; }
  public boolean honorCacheControl() { return honorCacheControl; }
  public Duration negativeTtl() { return negativeTtl; }
  /** Lower-cased request header names that split the cache key. */
  public List<String> varyHeaders() { return varyHeaders; }
  public List<String> tags() { return tags; }
  /** {@code null} = {@code max-age=<remaining freshness>}. */
  public String clientCacheControl() { return clientCacheControl; }
}

package io.wplive.proxy.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.config.Cidr;
import io.wplive.proxy.http.HopByHop;
import io.wplive.proxy.routing.Route;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which client headers go upstream (SPEC §4 "No open proxy").
 *
 * <p>Never: hop-by-hop headers and those named in {@code Connection}, {@code Host} (the upstream's
 * own is used), the client's {@code Cookie}, {@code Authorization} and {@code X-Api-Key} unless
 * the route lists them in {@code forwardHeaders}, and the proxy's own validators.
 *
 * <p>On a cached request in fixed-ttl mode only keyed headers ({@code varyHeaders}) and listed
 * ones go upstream: anything else could change the answer without changing its key, which is how
 * caches get poisoned. In honorCacheControl mode and on pass-through methods every other
 * end-to-end header goes, as a shared HTTP cache does (the upstream's {@code Vary} keys them).
 */
public final class ForwardHeaders {
  private static final Set<String> CREDENTIALS = Set.of("cookie", "authorization", "x-api-key");
  private static final Set<String> NEVER = Set.of("host", "content-length", "accept-encoding", "expect",
      "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-real-ip", "via",
      "x-request-id", "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range");
  private static final Set<String> PASS_THROUGH_CONDITIONALS = Set.of("if-match", "if-unmodified-since");

  private ForwardHeaders() {
  }

  /**
   * @param cached the answer will be cached (GET/HEAD on a caching route)
   * @param clientIp the client address as the proxy believes it (after trustedProxies)
   * @param trusted the direct peer is a trusted proxy, so its X-Forwarded-* are kept and extended
   * @param authHeader the lower-cased header that authenticated the client to the proxy, or null
   */
  public static MultiMap build(HttpServerRequest req, Route route, boolean cached, String clientIp, boolean trusted,
      String requestId, String authHeader) {
    MultiMap in = req.headers();
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    Set<String> hop = HopByHop.namesFor(in.getAll("connection"));
    List<String> listed = route.options().forwardHeaders();
    boolean strictKeyed = cached && !route.cache().honorCacheControl();
    List<String> vary = route.cache().varyHeaders();
    for (Map.Entry<String, String> h : in) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (hop.contains(name) || NEVER.contains(name) && !(!cached && PASS_THROUGH_CONDITIONALS.contains(name))) {
        continue;
      }
      if (CREDENTIALS.contains(name) && (!listed.contains(name) || name.equals(authHeader))) {
        continue; // the header that authenticated the client to the proxy never goes upstream
      }
      if (strictKeyed && !vary.contains(name) && !listed.contains(name)) {
        continue;
      }
      out.add(h.getKey(), h.getValue());
    }
    String priorFor = trusted ? in.get("x-forwarded-for") : null;
    // a trusted proxy's chain is kept and extended with that proxy (our peer), as each hop does
    String peer = req.remoteAddress() == null ? clientIp : req.remoteAddress().hostAddress();
    out.set("X-Forwarded-For", priorFor == null || priorFor.isBlank() ? clientIp : priorFor + ", " + peer);
    String proto = trusted && in.get("x-forwarded-proto") != null ? in.get("x-forwarded-proto") : (req.isSSL() ? "https" : "http");
    out.set("X-Forwarded-Proto", proto);
    String host = req.authority() == null ? null : req.authority().toString();
    if (trusted && in.get("x-forwarded-host") != null) {
      host = in.get("x-forwarded-host");
    }
    // the Host a client sent is its own choice: on a cached fixed-ttl request an upstream that
    // builds links from it would let one client poison the entry everyone gets, unless it is keyed
    boolean hostKeyed = !strictKeyed || vary.contains("host") || vary.contains("x-forwarded-host");
    if (host != null && hostKeyed && isSafeHeaderValue(host)) {
      out.set("X-Forwarded-Host", host);
    }
    out.set("Via", "1.1 wp-live-proxy");
    out.set("X-Request-Id", requestId);
    return out;
  }

  /** The client address for logs and limits: X-Forwarded-For's last untrusted hop when the peer is trusted. */
  public static String clientIp(HttpServerRequest req, List<Cidr> trustedProxies) {
    String peer = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    if (trustedProxies.isEmpty() || !isTrusted(peer, trustedProxies)) {
      return peer;
    }
    String xff = req.headers().get("x-forwarded-for");
    if (xff == null) {
      return peer;
    }
    String[] hops = xff.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hopIp = hops[i].trim();
      if (!hopIp.isEmpty() && !isTrusted(hopIp, trustedProxies)) {
        return hopIp;
      }
    }
    return peer;
  }

  public static boolean isTrusted(String ip, List<Cidr> trustedProxies) {
    for (Cidr c : trustedProxies) {
      if (c.contains(ip)) {
        return true;
      }
    }
    return false;
  }

  static boolean isSafeHeaderValue(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the request carries credentials that this route forwards (its answer is then never shared). */
  public static boolean carriesForwardedCredentials(HttpServerRequest req, Route route) {
    for (String h : route.options().forwardHeaders()) {
      if (CREDENTIALS.contains(h) && req.headers().contains(h)) {
        return true;
      }
    }
    return false;
  }
}

package io.wplive.proxy.proxy;

import io.vertx.core.MultiMap;
import io.wplive.proxy.http.PercentCoding;
import io.wplive.proxy.http.QueryString;
import io.wplive.proxy.normalize.PageRequest;
import io.wplive.proxy.normalize.PaginationMapper;
import io.wplive.proxy.routing.Route;
import io.wplive.proxy.routing.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the upstream URI and the cache key of a routed request (SPEC §4): route name, mapping
 * version, path params, query params after {@code query.allow} and {@code query.defaults} (sorted
 * by name, repeats in order, RFC 3986 encoding, {@code +} read as a space), and the values of the
 * route's {@code varyHeaders}. The same request in any spelling gives the same key.
 */
public final class CacheKeys {
  private CacheKeys() {
  }

  /**
   * @param basePath the upstream's base path without trailing slash
   * @param rawQuery the request's raw query, or null
   * @throws PercentCoding.MalformedException or {@link QueryString.TooManyParamsException}: answer 400
   */
  public static RequestTarget resolve(RouteMatch match, String basePath, String rawQuery, int maxQueryParams, MultiMap headers) {
    Route route = match.route();
    String[] raw = match.params();
    String[] canonical = raw;
    if (raw.length > 0) {
      canonical = new String[raw.length];
      for (int i = 0; i < raw.length; i++) {
        canonical[i] = canonicalSegment(raw[i]);
      }
    }
    String rest = match.rest() == null ? null : canonicalRest(match.rest());
    StringBuilder uri = new StringBuilder(basePath.length() + 64).append(basePath);
    route.upstreamPath().render(uri, canonical, rest);
    String pathPart = uri.toString();
    List<QueryString.Param> params = keptParams(route, rawQuery, maxQueryParams);
    String query = QueryString.canonical(params);
    String keyUri = query.isEmpty() ? pathPart : pathPart + "?" + query;
    String upstreamUri = keyUri;
    PageRequest page = null;
    if (route.pagination() != null) {
      PaginationMapper.Mapped mapped = route.pagination().map(asEntries(params));
      page = mapped.page();
      String upstreamQuery = QueryString.canonical(mapped.upstreamParams().stream()
          .map(e -> new QueryString.Param(e.getKey(), e.getValue())).toList());
      upstreamUri = upstreamQuery.isEmpty() ? pathPart : pathPart + "?" + upstreamQuery;
    }
    List<String> vary = route.cache().varyHeaders();
    StringBuilder key = new StringBuilder(route.keyPrefix().length() + keyUri.length() + 8)
        .append(route.keyPrefix()).append(keyUri).append('|');
    for (int i = 0; i < vary.size(); i++) {
      if (i > 0) {
        key.append('&');
      }
      List<String> values = headers.getAll(vary.get(i));
      key.append(PercentCoding.encode(values.isEmpty() ? "" : String.join(",", values).trim()));
    }
    return new RequestTarget(upstreamUri, key.toString(), page);
  }

  private static List<Map.Entry<String, String>> asEntries(List<QueryString.Param> params) {
    List<Map.Entry<String, String>> out = new ArrayList<>(params.size());
    for (QueryString.Param p : params) {
      out.add(Map.entry(p.name(), p.value()));
    }
    return out;
  }

  /** A raw path segment, decoded and re-encoded with only unreserved characters left bare. */
  static String canonicalSegment(String raw) {
    if (PercentCoding.isCanonical(raw)) {
      return raw;
    }
    return PercentCoding.encode(PercentCoding.decode(raw, false));
  }

  private static String canonicalRest(String rest) {
    if (rest.isEmpty()) {
      return rest;
    }
    String[] segs = rest.split("/", -1);
    StringBuilder sb = new StringBuilder(rest.length());
    for (int i = 0; i < segs.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(canonicalSegment(segs[i]));
    }
    return sb.toString();
  }

  static String canonicalQuery(Route route, String rawQuery, int maxQueryParams) {
    return QueryString.canonical(keptParams(route, rawQuery, maxQueryParams));
  }

  /** The client's parameters after {@code query.allow} and {@code query.defaults}. */
  static List<QueryString.Param> keptParams(Route route, String rawQuery, int maxQueryParams) {
    List<QueryString.Param> params = QueryString.parse(rawQuery, maxQueryParams);
    var allow = route.queryAllow();
    List<Map.Entry<String, String>> defaults = route.queryDefaults();
    if (allow == null && defaults.isEmpty()) {
      return params;
    }
    List<QueryString.Param> kept = new ArrayList<>(params.size() + defaults.size());
    for (QueryString.Param p : params) {
      if (allow == null || allow.contains(p.name())) {
        kept.add(p);
      }
    }
    for (Map.Entry<String, String> d : defaults) {
      boolean present = false;
      for (QueryString.Param p : kept) {
        if (p.name().equals(d.getKey())) {
          present = true;
          break;
        }
      }
      if (!present) {
        kept.add(new QueryString.Param(d.getKey(), d.getValue()));
      }
    }
    return kept;
  }

  /**
   * The key of one variant of an entry whose upstream answer said {@code Vary} (honorCacheControl
   * mode): the base key plus the request's values of the named headers.
   */
  public static String variantKey(String baseKey, List<String> varyNames, MultiMap requestHeaders) {
    StringBuilder sb = new StringBuilder(baseKey.length() + 32).append(baseKey).append('~');
    for (int i = 0; i < varyNames.size(); i++) {
      if (i > 0) {
        sb.append('&');
      }
      List<String> values = requestHeaders.getAll(varyNames.get(i));
      sb.append(PercentCoding.encode(values.isEmpty() ? "" : String.join(",", values).trim()));
    }
    return sb.toString();
  }

  /**
   * The request headers an upstream's {@code Vary} names, lower-cased and sorted; {@code
   * Accept-Encoding} is left out because the proxy stores identity bytes and compresses itself.
   */
  public static List<String> varyNames(List<String> varyValues) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    for (String v : varyValues) {
      for (String n : v.split(",")) {
        String t = n.trim().toLowerCase(java.util.Locale.ROOT);
        if (!t.isEmpty() && !t.equals("accept-encoding")) {
          names.add(t);
        }
      }
    }
    return List.copyOf(names);
  }
}

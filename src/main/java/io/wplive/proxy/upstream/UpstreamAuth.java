package io.wplive.proxy.upstream;

import io.vertx.core.MultiMap;
import io.wplive.proxy.config.AuthOptions;
import io.wplive.proxy.http.PercentCoding;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Adds the upstream credentials of {@code auth:} to a call. Static credentials only (header,
 * query, bearer, basic); values are computed once, never logged, never sent to clients.
 */
public final class UpstreamAuth {
  private final String headerName;
  private final String headerValue;
  private final String queryPair;

  private UpstreamAuth(String headerName, String headerValue, String queryPair) {
    this.headerName = headerName;
    this.headerValue = headerValue;
    this.queryPair = queryPair;
  }

  /** @return the static auth for {@code options}, or {@code null} when there is none or it is oauth2 */
  public static UpstreamAuth of(AuthOptions options) {
    if (options == null || options.type() == null) {
      return null;
    }
    return switch (options.type()) {
      case "header" -> new UpstreamAuth(options.name(), options.value(), null);
      case "bearer" -> new UpstreamAuth("Authorization", "Bearer " + options.token(), null);
      case "basic" -> new UpstreamAuth("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (options.username() + ":" + options.password()).getBytes(StandardCharsets.UTF_8)), null);
      case "query" -> new UpstreamAuth(null, null,
          PercentCoding.encode(options.name()) + "=" + PercentCoding.encode(options.value()));
      default -> null;
    };
  }

  /** Adds the header form, if any. */
  public void apply(MultiMap headers) {
    if (headerName != null) {
      headers.set(headerName, headerValue);
    }
  }

  /** Adds the query form, if any, to a path-and-query. */
  public String apply(String uri) {
    if (queryPair == null) {
      return uri;
    }
    return uri + (uri.indexOf('?') < 0 ? '?' : '&') + queryPair;
  }
}

package io.wplive.proxy.proxy;

import io.wplive.proxy.normalize.PageRequest;

/**
 * Where a routed request goes and under which key its answer is stored.
 *
 * @param upstreamUri path and query to send to the upstream, canonical encoding, paging mapped
 *     to the upstream's style
 * @param cacheKey the full cache key (SPEC §4), built from the client's own parameters
 * @param page the WordPress-style page asked for on a paginated route, else {@code null}
 */
public record RequestTarget(String upstreamUri, String cacheKey, PageRequest page) {
  /**
   * What every variant of this request's entry starts with (the key without the values of
   * {@code varyHeaders}, which come after the last {@code |}: nothing before it is unencoded '|').
   */
  public String variantsPrefix() {
    return cacheKey.substring(0, cacheKey.lastIndexOf('|') + 1);
  }
}

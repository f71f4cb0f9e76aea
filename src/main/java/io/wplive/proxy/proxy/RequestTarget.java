package io.wplive.proxy.proxy;

/**
 * Where a routed request goes and under which key its answer is stored.
 *
 * @param upstreamUri path and query to send to the upstream, canonical encoding
 * @param cacheKey the full cache key (SPEC §4)
 */
public record RequestTarget(String upstreamUri, String cacheKey) {
}

package io.wplive.proxy.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One call to an upstream: method, path and query (already canonical, below the upstream's base
 * URL), headers already filtered for forwarding, and an optional body.
 */
public record UpstreamRequest(HttpMethod method, String uri, MultiMap headers, Buffer body) {
}

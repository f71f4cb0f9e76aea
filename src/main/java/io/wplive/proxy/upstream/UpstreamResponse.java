package io.wplive.proxy.upstream;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** An upstream's whole answer; the body is identity-encoded (the client inflates gzip). */
public record UpstreamResponse(int status, MultiMap headers, Buffer body, long durationMs) {
}

package io.wplive.proxy.proxy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.http.CacheStatus;

/** Writes the one JSON error shape of SPEC §4. The only place error bodies are made. */
public final class ErrorResponses {
  private ErrorResponses() {
  }

  /** The error body; {@code route} and {@code requestId} may be null. */
  public static Buffer body(ErrorCode code, String message, String route, String requestId) {
    JsonObject err = new JsonObject()
        .put("status", code.status())
        .put("code", code.code())
        .put("message", message)
        .put("route", route)
        .put("requestId", requestId);
    return new JsonObject().put("error", err).toBuffer();
  }

  /**
   * Ends {@code response} with the error. Safe to call once headers were set for another answer:
   * it only writes when the response has not been sent.
   *
   * @param tried an upstream was called (Cache-Status says {@code fwd=uri-miss})
   */
  public static void send(HttpServerResponse response, boolean head, ProxyFailure f, String route, String requestId, boolean tried) {
    if (response.ended() || response.headWritten()) {
      return;
    }
    ErrorCode code = f.code();
    response.setStatusCode(code.status());
    var h = response.headers();
    h.set(Headers.CONTENT_TYPE, Headers.JSON);
    h.set(Headers.CACHE_CONTROL, Headers.NO_STORE);
    h.set(Headers.CACHE_STATUS, CacheStatus.error(tried, f.upstreamStatus(), f.detail()));
    h.set(Headers.X_CACHE, CacheStatus.X_MISS);
    if (f.retryAfterSeconds() > 0) {
      h.set(Headers.RETRY_AFTER, Long.toString(Math.max(1, f.retryAfterSeconds())));
    }
    Buffer body = body(code, f.getMessage(), route, requestId);
    if (head) {
      h.set(Headers.CONTENT_LENGTH, Integer.toString(body.length()));
      response.end();
    } else {
      response.end(body);
    }
  }
}

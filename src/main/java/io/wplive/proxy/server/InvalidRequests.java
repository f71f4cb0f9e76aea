package io.wplive.proxy.server;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.RequestIds;

/** Requests the HTTP decoder refused: the JSON error shape instead of Netty's bare answers. */
final class InvalidRequests implements Handler<HttpServerRequest> {
  @Override
  public void handle(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    ProxyFailure f;
    if (cause instanceof TooLongHttpLineException) {
      f = new ProxyFailure(ErrorCode.URI_TOO_LONG, "the request line is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      f = new ProxyFailure(ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large");
    } else {
      f = new ProxyFailure(ErrorCode.BAD_REQUEST, "the request is not valid HTTP");
    }
    req.response().putHeader("Connection", "close");
    ErrorResponses.send(req.response(), false, f, null, RequestIds.next(), false);

  }
}

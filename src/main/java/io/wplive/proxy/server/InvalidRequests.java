package io.wplive.proxy.server;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ErrorResponses;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.RequestIds;

/**
 * Requests the HTTP decoder refused, and the heads {@link RequestFraming} refused: the JSON error
 * shape instead of Netty's bare answers. Vert.x closes the connection once the answer is written.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  private final ConnectionGuard connections;

  InvalidRequests(ConnectionGuard connections) {
    this.connections = connections;
  }

  @Override
  public void handle(HttpServerRequest req) {
    Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
    ProxyFailure f;
    if (cause instanceof TooLongHttpLineException) {
      f = new ProxyFailure(ErrorCode.URI_TOO_LONG, "the request line is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      f = new ProxyFailure(ErrorCode.HEADERS_TOO_LARGE, "the request headers are too large");
    } else if (cause instanceof RequestFraming.Refused) {
      f = new ProxyFailure(ErrorCode.BAD_REQUEST, cause.getMessage());
    } else {
      f = new ProxyFailure(ErrorCode.BAD_REQUEST, "the request is not valid HTTP");
    }
    req.response().putHeader("Connection", "close");
    // a HEAD answer is headers only (Content-Length says what a GET would get)
    boolean head = req.method() == HttpMethod.HEAD || requestLineUnread(req) && connections.startedAsHead(req.connection());
    ErrorResponses.send(req.response(), head, f, null, RequestIds.next(), false);
  }

  /**
   * Whether this is the stand-in Netty makes when it cannot read a request line at all
   * ({@code GET /bad-request HTTP/1.0}): the client's method is unknown then, and the bytes decide.
   */
  private static boolean requestLineUnread(HttpServerRequest req) {
    return req.method() == HttpMethod.GET && req.version() == HttpVersion.HTTP_1_0 && "/bad-request".equals(req.uri());
  }
}

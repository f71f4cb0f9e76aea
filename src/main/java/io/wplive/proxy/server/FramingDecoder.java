package io.wplive.proxy.server;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's own HTTP/1.x request decoder, except for a request that carries both
 * {@code Content-Length} and {@code Transfer-Encoding: chunked}: Netty drops the Content-Length and
 * reads the body as chunked, which is right (RFC 9112 §6.3), but leaves nothing behind for a later
 * handler to see, while §6.1 says the server must close the connection after answering such a
 * request, because a front proxy may have framed it by the Content-Length (request smuggling).
 * Here the decoder refuses it instead, which the RFC allows too: the request is marked undecodable,
 * so it gets a 400 and the connection is closed, and nothing behind it on the connection is read.
 *
 * <p>{@link ConnectionGuard} puts it in place of Vert.x's decoder when a connection opens, before
 * any byte has been decoded, built from the same server options.
 */
final class FramingDecoder extends VertxHttpRequestDecoder {
  FramingDecoder(HttpServerOptions options) {
    super(options);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    // thrown while the head is decoded: Netty turns it into the request's failed decoder result
    throw new RequestFraming.Refused("a request must not carry both Content-Length and Transfer-Encoding");
  }
}

package io.wplive.proxy.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a request body whole, refusing it (413) as soon as it passes a limit. */
public final class RequestBodies {
  private RequestBodies() {
  }

  /** @return the body, or a {@link ProxyFailure} {@code payload_too_large} once it passes {@code max} bytes */
  public static Future<Buffer> read(HttpServerRequest req, long max) {
    Promise<Buffer> p = Promise.promise();
    Buffer acc = Buffer.buffer();
    req.handler(chunk -> {
      if (acc.length() + chunk.length() > max) {
        p.tryFail(new ProxyFailure(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than " + max + " bytes"));
        req.pause();
      } else {
        acc.appendBuffer(chunk);
      }
    });
    req.exceptionHandler(p::tryFail);
    req.endHandler(v -> p.tryComplete(acc));
    return p.future();
  }
}

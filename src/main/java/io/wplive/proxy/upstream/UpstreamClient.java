package io.wplive.proxy.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pooled HTTP client of one upstream. {@link #send} makes one exchange and bounds it by the
 * upstream's {@code timeout} as a true end-to-end deadline ({@code Future.timeout}, then the
 * request is reset), because the client's own timeouts only bound connect and idle gaps.
 * Failures come back as {@link ProxyFailure}s with the code the client will see.
 */
public final class UpstreamClient {
  private final UpstreamOptions options;
  private final HttpClientAgent http;
  private final UpstreamAuth auth;
  private final String host;
  private final int port;
  private final boolean ssl;
  private final String basePath;
  private final long timeoutMs;
  private final long connectTimeoutMs;
  private final OAuth2Tokens oauth2;

  public UpstreamClient(Vertx vertx, UpstreamOptions options, java.time.Clock clock) {
    this.options = options;
    this.host = options.baseUrl().getHost();
    this.port = options.port();
    this.ssl = options.ssl();
    this.basePath = options.basePath();
    this.timeoutMs = options.timeout().toMillis();
    this.connectTimeoutMs = options.connectTimeout().toMillis();
    this.auth = UpstreamAuth.of(options.auth());
    HttpClientOptions co = new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
        .setKeepAlive(true)
        .setKeepAliveTimeout(30)
        .setIdleTimeout(60)
        // ask upstreams for gzip and store identity bytes: the stored gzip copy is made once
        .setDecompressionSupported(true)
        .setMaxRedirects(0)
        .setTcpNoDelay(true)
        .setSsl(ssl);
    if (ssl && options.tls() != null) {
      var tls = options.tls();
      co.setVerifyHost(tls.verifyHost());
      if (tls.trustCa() != null) {
        co.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.trustCa())));
      }
      if (tls.clientCert() != null) {
        co.setKeyCertOptions(new PemKeyCertOptions()
            .addCertValue(Buffer.buffer(tls.clientCert()))
            .addKeyValue(Buffer.buffer(tls.clientKey())));
      }
    }
    io.vertx.core.http.PoolOptions pool = new io.vertx.core.http.PoolOptions()
        .setHttp1MaxSize(options.maxConnections())
        .setMaxWaitQueueSize(options.queue());
    this.http = vertx.createHttpClient(co, pool);
    this.oauth2 = options.auth() != null && "oauth2".equals(options.auth().type())
        ? new OAuth2Tokens(vertx, options.name(), options.auth(), clock, connectTimeoutMs + timeoutMs) : null;
  }

  public UpstreamOptions options() {
    return options;
  }

  public String name() {
    return options.name();
  }

  /** The upstream's base path, to prefix request paths with. */
  public String basePath() {
    return basePath;
  }

  /** The upstream's {@code timeout} in ms: the deadline of one call, retries included. */
  public long timeoutMs() {
    return timeoutMs;
  }

  /**
   * One exchange, the whole body read, bounded by {@code deadlineMs}.
   *
   * @param deadlineMs time this attempt may take (what is left of the call's {@code timeout})
   * @return the answer whatever its status; fails only with a {@link ProxyFailure}
   */
  public Future<UpstreamResponse> send(UpstreamRequest request, long deadlineMs) {
    if (oauth2 == null) {
      return sendOnce(request, deadlineMs);
    }
    long start = System.nanoTime();
    return oauth2.token().compose(token -> {
      request.headers().set("Authorization", "Bearer " + token);
      return sendOnce(request, remaining(start, deadlineMs)).compose(resp -> {
        if (resp.status() != 401) {
          return Future.succeededFuture(resp);
        }
        // the token was revoked or expired early: one new token, one retry
        return oauth2.replace(token).compose(fresh -> {
          request.headers().set("Authorization", "Bearer " + fresh);
          return sendOnce(request, remaining(start, deadlineMs));
        });
      });
    });
  }

  private static long remaining(long startNanos, long deadlineMs) {
    return Math.max(1, deadlineMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private Future<UpstreamResponse> sendOnce(UpstreamRequest request, long deadlineMs) {
    long startNanos = System.nanoTime();
    if (auth != null) {
      auth.apply(request.headers());
    }
    options.headers().forEach(request.headers()::set); // the operator's fixed headers win
    RequestOptions ro = new RequestOptions()
        .setMethod(request.method())
        .setHost(host)
        .setPort(port)
        .setSsl(ssl)
        .setURI(auth == null ? request.uri() : auth.apply(request.uri()))
        .setHeaders(request.headers())
        .setFollowRedirects(false)
        .setConnectTimeout(connectTimeoutMs + deadlineMs) // pool wait + connect; the deadline below bounds it all
        .setIdleTimeout(deadlineMs);
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    Future<UpstreamResponse> exchange = http.request(ro)
        .compose(req -> {
          sent.set(req);
          return request.body() == null ? req.send() : req.send(request.body());
        })
        .compose((HttpClientResponse resp) -> resp.body()
            .map(body -> new UpstreamResponse(resp.statusCode(), resp.headers(), body,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos))));
    return exchange
        .timeout(deadlineMs, TimeUnit.MILLISECONDS)
        .recover(err -> {
          HttpClientRequest req = sent.get();
          if (req != null) {
            req.reset(); // a timed-out exchange must not keep the connection busy
          }
          return Future.failedFuture(classify(err));
        });
  }

  /** Maps a client failure to what the proxy answers; the outcome label goes in the detail. */
  ProxyFailure classify(Throwable err) {
    if (err instanceof ProxyFailure pf) {
      return pf;
    }
    if (isTimeout(err)) {
      return new ProxyFailure(ErrorCode.UPSTREAM_TIMEOUT,
          "upstream " + name() + " did not answer within " + timeoutMs + " ms", 0, 0, "timeout");
    }
    if (err instanceof ConnectionPoolTooBusyException) {
      return new ProxyFailure(ErrorCode.UPSTREAM_UNAVAILABLE,
          "upstream " + name() + " has too many calls waiting", 1, 0, "rejected");
    }
    if (err instanceof ConnectException || err instanceof UnknownHostException
        || err.getCause() instanceof ConnectException) {
      return new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream " + name() + " refused the connection", 0, 0, "connect_error");
    }
    return new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "upstream " + name() + " failed: connection closed or broken", 0, 0, "connect_error");
  }

  private static boolean isTimeout(Throwable err) {
    for (Throwable t = err; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  public Future<Void> close() {
    return oauth2 == null ? http.close() : Future.join(http.close(), oauth2.close()).mapEmpty();
  }
}

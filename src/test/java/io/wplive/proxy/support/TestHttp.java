package io.wplive.proxy.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test client for one port, on its own Vert.x: no decompression (tests see the bytes as sent),
 * no redirects, a large pool so concurrent requests really are concurrent. Blocking methods are
 * for test threads; {@link #send} returns a future for concurrency tests.
 */
public final class TestHttp implements AutoCloseable {
  private final Vertx vertx = TestVertx.get();
  private final HttpClientAgent client;
  private final io.vertx.core.Context context;
  private final int port;

  public TestHttp(int port) {
    this.port = port;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createHttpClient(new HttpClientOptions()
            .setDecompressionSupported(false)
            .setMaxRedirects(0)
            .setKeepAlive(true)
            .setConnectTimeout(5_000),
        new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(10_000));
  }

  public int port() {
    return port;
  }

  /** {@code headers} as name, value, name, value… */
  public static MultiMap headers(String... nameValues) {
    if (nameValues.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name/value pairs");
    }
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(nameValues[i], nameValues[i + 1]);
    }
    return h;
  }

  public Future<HttpResult> send(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    // requests start on the client's own context, never on a context made up per call
    io.vertx.core.Promise<HttpResult> p = io.vertx.core.Promise.promise();
    context.runOnContext(v -> sendNow(method, uri, headers, body).onComplete(p));
    return p.future();
  }

  private Future<HttpResult> sendNow(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    long start = System.nanoTime();
    RequestOptions ro = new RequestOptions()
        .setMethod(method)
        .setHost("127.0.0.1")
        .setPort(port)
        .setURI(uri)
        .setFollowRedirects(false)
        .setIdleTimeout(15_000);
    if (headers != null) {
      ro.setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers));
    }
    return client.request(ro)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new HttpResult(resp.statusCode(),
            MultiMap.caseInsensitiveMultiMap().addAll(resp.headers()), b,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))));
  }

  public HttpResult request(HttpMethod method, String uri, MultiMap headers, Buffer body) {
    return Blocking.await(send(method, uri, headers, body), 20, TimeUnit.SECONDS);
  }

  public HttpResult get(String uri, String... headerPairs) {
    return request(HttpMethod.GET, uri, headers(headerPairs), null);
  }

  public HttpResult head(String uri, String... headerPairs) {
    return request(HttpMethod.HEAD, uri, headers(headerPairs), null);
  }

  public HttpResult post(String uri, String body, String... headerPairs) {
    return request(HttpMethod.POST, uri, headers(headerPairs), Buffer.buffer(body));
  }

  /** {@code n} GETs of {@code uri} sent at once; answers in sending order. */
  public List<HttpResult> concurrentGets(String uri, int n) {
    List<Future<HttpResult>> fs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      fs.add(send(HttpMethod.GET, uri, null, null));
    }
    Blocking.await(Future.join(fs), 30, TimeUnit.SECONDS);
    List<HttpResult> out = new ArrayList<>(n);
    for (Future<HttpResult> f : fs) {
      if (f.failed()) {
        throw new AssertionError("request failed: " + f.cause(), f.cause());
      }
      out.add(f.result());
    }
    return out;
  }

  /** Opens {@code n} pooled connections (by {@code n} concurrent requests to {@code uri}). */
  public void warmUp(String uri, int n) {
    concurrentGets(uri, n);
  }

  @Override
  public void close() {
    Blocking.await(client.close(), 10, TimeUnit.SECONDS);
  }
}

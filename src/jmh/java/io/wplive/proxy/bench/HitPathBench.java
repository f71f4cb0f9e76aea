package io.wplive.proxy.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.MemoryTier;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.proxy.CacheKeys;
import io.wplive.proxy.proxy.Exchange;
import io.wplive.proxy.proxy.RequestTarget;
import io.wplive.proxy.proxy.ResponseWriter;
import io.wplive.proxy.routing.RouteMatch;
import io.wplive.proxy.routing.RouteTable;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fresh-hit answer: {@link ResponseWriter#hit} writing the stored and per-hit headers of SPEC §4
 * into a real Vert.x header map (the class a server response uses), and the whole hit path up to
 * the socket (route, key, L1 lookup, headers).
 *
 * <p>The request and response are {@link Proxy} stubs: the response keeps a real
 * {@code HttpHeaders.headers()} map and drops the body. Stub calls cost a few ns each;
 * {@link #stubBaseline} makes the same stub calls as the writer without the writer, to subtract.
 * Netty's encoding and the socket write are not included (the wrk runs cover them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HitPathBench {
  RouteTable table;
  MemoryTier tier;
  CachedResponse entry;
  Exchange exchange;
  HttpServerRequest request;
  HttpServerResponse response;
  MultiMap responseHeaders;
  MultiMap requestHeaders;
  int maxQueryParams;
  long now;
  long tick;
  String path = "/api/inventory/products/SKU-000123";
  String basePath = "/api/v2";

  @Setup
  public void setup() throws Exception {
    ProxyConfig config = BenchConfig.load();
    table = config.routeTable();
    maxQueryParams = config.server().maxQueryParams();
    requestHeaders = HttpHeaders.headers()
        .add("Host", "127.0.0.1:18080")
        .add("User-Agent", "WordPress/6.7; https://shop.example.com")
        .add("Accept", "*/*");
    responseHeaders = HttpHeaders.headers();
    response = stubResponse(responseHeaders);
    request = stubRequest(requestHeaders, response, path);
    Constructor<Exchange> c = Exchange.class.getDeclaredConstructor(HttpServerRequest.class, Context.class, long.class, String.class);
    c.setAccessible(true);
    exchange = c.newInstance(request, null, System.nanoTime(), "5f3a9c0e1b2d-1a2b");

    Clock clock = Clock.systemUTC();
    now = clock.millis();
    byte[] body = new byte[2048];
    byte[] gzip = new byte[700];
    entry = CachedResponse.builder()
        .status(200)
        .headers(List.of(Map.entry("content-type", "application/json")))
        .body(Buffer.buffer(body))
        .gzipBody(Buffer.buffer(gzip))
        .etag("\"wplp-b6ddbb6ac88e12e7cccd30c7\"")
        .storedAt(now)
        .freshUntil(now + 600_000)
        .sieUntil(now + 3_600_000)
        .routeName("products")
        .build();
    tier = new MemoryTier(64L * 1024 * 1024, clock);
    RequestTarget t = CacheKeys.resolve(table.match(path), basePath, null, maxQueryParams, requestHeaders);
    tier.putNow(t.cacheKey(), entry);
    if (tier.getNow(t.cacheKey()) == null) {
      throw new IllegalStateException("entry not stored");
    }
  }

  /** Fresh hit, the per-second memo of Cache-Status/Age/Cache-Control already rendered (steady state). */
  @Benchmark
  public int writeHeaders() {
    responseHeaders.clear();
    ResponseWriter.hit(exchange, entry, now, null);
    return responseHeaders.size();
  }

  /** Fresh hit when the memo is stale: a new second renders Cache-Status, Age and Cache-Control. */
  @Benchmark
  public int writeHeadersNewSecond() {
    responseHeaders.clear();
    tick += 1000;
    ResponseWriter.hit(exchange, entry, now + (tick & 0xFFFFF), null);
    return responseHeaders.size();
  }

  /** What the stubs cost: the same stub calls the writer makes, without the writer. */
  @Benchmark
  public Object stubBaseline() {
    responseHeaders.clear();
    MultiMap h = response.headers();
    String ae = request.headers().get(HttpHeaders.ACCEPT_ENCODING);
    String inm = request.headers().get("if-none-match");
    response.setStatusCode(200);
    response.end(entry.body());
    return ae == null && inm == null ? h : null;
  }

  /** Route, cache key, L1 lookup, freshness check and headers: the proxy's own work for a hit. */
  @Benchmark
  public int wholeHitPath() {
    responseHeaders.clear();
    RouteMatch m = table.match(path);
    RequestTarget t = CacheKeys.resolve(m, basePath, null, maxQueryParams, requestHeaders);
    CachedResponse e = tier.getNow(t.cacheKey());
    if (e == null || !e.isFresh(now)) {
      throw new IllegalStateException("not a hit");
    }
    ResponseWriter.hit(exchange, e, now, m.route().cache().clientCacheControl());
    return responseHeaders.size();
  }

  // ------------------------------------------------------------------ stubs

  static HttpServerResponse stubResponse(MultiMap headers) {
    int[] status = {200};
    Future<Void> done = Future.succeededFuture();
    HttpServerResponse[] self = new HttpServerResponse[1];
    InvocationHandler h = (proxy, method, args) -> {
      switch (method.getName()) {
        case "headers":
          return headers;
        case "setStatusCode":
          status[0] = (Integer) args[0];
          return self[0];
        case "getStatusCode":
          return status[0];
        case "end":
        case "write":
          return done;
        case "headWritten":
        case "ended":
        case "closed":
          return false;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "stub response";
        default:
          if (method.getReturnType() == HttpServerResponse.class) {
            return self[0];
          }
          throw new UnsupportedOperationException("stub response: " + method.getName());
      }
    };
    self[0] = (HttpServerResponse) Proxy.newProxyInstance(HitPathBench.class.getClassLoader(),
        new Class<?>[] {HttpServerResponse.class}, h);
    return self[0];
  }

  static HttpServerRequest stubRequest(MultiMap headers, HttpServerResponse response, String path) {
    InvocationHandler h = (proxy, method, args) -> {
      switch (method.getName()) {
        case "headers":
          return headers;
        case "getHeader":
          return headers.get(String.valueOf(args[0]));
        case "response":
          return response;
        case "method":
          return HttpMethod.GET;
        case "path":
        case "uri":
          return path;
        case "query":
          return null;
        case "hashCode":
          return System.identityHashCode(proxy);
        case "equals":
          return proxy == args[0];
        case "toString":
          return "stub request";
        default:
          throw new UnsupportedOperationException("stub request: " + method.getName());
      }
    };
    return (HttpServerRequest) Proxy.newProxyInstance(HitPathBench.class.getClassLoader(),
        new Class<?>[] {HttpServerRequest.class}, h);
  }
}

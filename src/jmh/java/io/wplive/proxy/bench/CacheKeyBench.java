package io.wplive.proxy.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.proxy.CacheKeys;
import io.wplive.proxy.proxy.RequestTarget;
import io.wplive.proxy.routing.RouteMatch;
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
 * {@link CacheKeys#resolve}: the upstream URI and cache key of a routed request (SPEC §4), built on
 * every request, hits included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBench {
  RouteMatch product;
  RouteMatch list;
  RouteMatch encoded;
  MultiMap plainHeaders;
  MultiMap langHeaders;
  int maxQueryParams;
  String basePath = "/api/v2";
  String productQuery = "lang=en&fields=id,name,price&utm_source=newsletter";
  String listQuery = "page=2&category=oak%20tables&sort=price&per_page=20&_=1717171717";

  @Setup
  public void setup() {
    ProxyConfig config = BenchConfig.load();
    maxQueryParams = config.server().maxQueryParams();
    product = config.routeTable().match("/api/inventory/products/SKU-000123");
    list = config.routeTable().match("/api/inventory/products");
    encoded = config.routeTable().match("/api/inventory/products/Oak%20table%2Fbig");
    plainHeaders = HttpHeaders.headers().add("Accept", "application/json").add("User-Agent", "WordPress/6.7; https://shop.example.com");
    langHeaders = HttpHeaders.headers().add("Accept", "application/json").add("Accept-Language", "de-DE,de;q=0.9,en;q=0.8");
  }

  /** The benchmark's wrk path: one param, no query. */
  @Benchmark
  public RequestTarget paramNoQuery() {
    return CacheKeys.resolve(product, basePath, null, maxQueryParams, plainHeaders);
  }

  /** One param, a query filtered by {@code query.allow} and sorted. */
  @Benchmark
  public RequestTarget paramAllowedQuery() {
    return CacheKeys.resolve(product, basePath, productQuery, maxQueryParams, plainHeaders);
  }

  /** A param with percent-encoded characters that must be re-encoded canonically. */
  @Benchmark
  public RequestTarget encodedParam() {
    return CacheKeys.resolve(encoded, basePath, null, maxQueryParams, plainHeaders);
  }

  /** A list route: allow-list, defaults, sorting and a vary header in the key. */
  @Benchmark
  public RequestTarget listQueryDefaultsVary() {
    return CacheKeys.resolve(list, basePath, listQuery, maxQueryParams, langHeaders);
  }
}

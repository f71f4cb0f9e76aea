package io.wplive.proxy.bench;

import io.wplive.proxy.routing.RouteMatch;
import io.wplive.proxy.routing.RouteTable;
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

/** {@link RouteTable#match(String)} on the table of {@link BenchConfig}: the first step of every request. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouteMatchBench {
  RouteTable table;
  // not constants, so the JIT cannot fold them
  String exactPath = "/api/inventory/categories";
  String paramPath = "/api/inventory/products/SKU-000123";
  String twoParamPath = "/api/listings/A-100/media/3";
  String prefixPath = "/api/calendar/rooms/12/events";
  String missPath = "/wp-json/wp/v2/posts";

  @Setup
  public void setup() {
    table = BenchConfig.load().routeTable();
    if (table.match(paramPath) == null || !table.match(paramPath).route().name().equals("products")) {
      throw new IllegalStateException("benchmark table does not route " + paramPath + " to products");
    }
  }

  @Benchmark
  public RouteMatch exact() {
    return table.match(exactPath);
  }

  /** The common case: one {@code :param} route among several. */
  @Benchmark
  public RouteMatch param() {
    return table.match(paramPath);
  }

  @Benchmark
  public RouteMatch twoParams() {
    return table.match(twoParamPath);
  }

  @Benchmark
  public RouteMatch prefix() {
    return table.match(prefixPath);
  }

  /** Nothing matches: every pattern is tried. */
  @Benchmark
  public RouteMatch miss() {
    return table.match(missPath);
  }
}

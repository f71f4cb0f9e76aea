package io.wplive.proxy.demo;

import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.TestHttp;
import io.wplive.proxy.support.TestVertx;
import java.time.Clock;

/**
 * The demo upstreams as the proxy starts them (every API mounted at {@code /{name}/…}, latency and
 * modes applied by {@link DemoUpstreams}), on a free loopback port, with a client for that port.
 */
final class DemoHarness implements AutoCloseable {
  private final DemoUpstreams demo;
  private final TestHttp http;

  private DemoHarness(DemoUpstreams demo) {
    this.demo = demo;
    this.http = new TestHttp(demo.port());
  }

  static DemoHarness start(Clock clock) {
    DemoUpstreams demo = new DemoUpstreams(TestVertx.get(), clock);
    return new DemoHarness(Blocking.await(demo.start("127.0.0.1", 0)));
  }

  TestHttp http() {
    return http;
  }

  @Override
  public void close() {
    try {
      http.close();
    } finally {
      Blocking.await(demo.close());
    }
  }
}

package io.wplive.proxy.demo;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicLong;

/** One simulated vendor API, mounted at {@code /{name}/…} of the demo listener. */
abstract class DemoApi {
  private volatile DemoMode mode = DemoMode.OK;
  private final AtomicLong requests = new AtomicLong();

  abstract String name();

  /** Usual latency in ms, before the answer is written. */
  abstract long latencyMs();

  /**
   * Answers {@code req}; {@code rest} is the path below {@code /{name}} (starts with {@code /}).
   * Runs after the latency, only in OK mode.
   */
  abstract void serve(HttpServerRequest req, String rest);

  DemoMode mode() {
    return mode;
  }

  void mode(DemoMode m) {
    mode = m;
  }

  long requests() {
    return requests.get();
  }

  long countRequest() {
    return requests.incrementAndGet();
  }
}

package io.wplive.proxy.support;

import io.vertx.core.Vertx;

/**
 * One Vert.x for the test side (fake upstreams and test clients), separate from the proxy's own,
 * so a proxy's event loops are never shared with what it talks to. Lives as long as the JVM.
 */
public final class TestVertx {
  private static Vertx shared;

  private TestVertx() {
  }

  public static synchronized Vertx get() {
    if (shared == null) {
      shared = Vertx.vertx();
    }
    return shared;
  }
}

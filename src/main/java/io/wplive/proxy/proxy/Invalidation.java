package io.wplive.proxy.proxy;

import io.wplive.proxy.routing.Route;

/** Cache invalidation caused by requests: writes purge the routes they name (SPEC §4 "Writes"). */
final class Invalidation {
  private Invalidation() {
  }

  /**
   * After a 2xx to an unsafe method: purge every route in {@code invalidates}, and (RFC 9111 §4.4)
   * the entries of the same URI on this route.
   */
  static void afterWrite(ProxyRuntime rt, Exchange ex) {
    for (String name : ex.route.options().invalidates()) {
      Route r = rt.config().routeTable().byName(name);
      if (r != null) {
        rt.purger().route(name, false);
      }
    }
    rt.purger().keyPrefix(ex.target.variantsPrefix(), false);
  }
}

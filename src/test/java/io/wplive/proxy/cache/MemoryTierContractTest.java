package io.wplive.proxy.cache;

import io.vertx.core.Vertx;
import java.time.Clock;

class MemoryTierContractTest extends CacheTierContractTest {
  @Override
  protected CacheTier createTier(Vertx vertx, Clock clock) {
    return new MemoryTier(64L * 1024 * 1024, clock);
  }
}

package io.wplive.proxy.observability;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Readiness for load balancers (SPEC §5): DOWN while starting or draining, DEGRADED while the
 * proxy still serves but Redis is unreachable or an upstream is not healthy, else UP.
 */
public final class HealthState {
  /** Life cycle of the process. */
  public enum Phase { STARTING, READY, DRAINING }

  private volatile Phase phase = Phase.STARTING;
  private volatile Supplier<String> redis = () -> "DISABLED";
  private volatile Supplier<Map<String, String>> upstreams = Map::of;

  public Phase phase() { return phase; }

  public void phase(Phase p) { phase = p; }

  /** @param redis UP, DOWN or DISABLED */
  public void redis(Supplier<String> redis) { this.redis = redis; }

  /** @param upstreams name → CLOSED, OPEN, HALF_OPEN or COOLDOWN */
  public void upstreams(Supplier<Map<String, String>> upstreams) { this.upstreams = upstreams; }

  public JsonObject checks() {
    JsonObject ups = new JsonObject();
    upstreams.get().forEach(ups::put);
    return new JsonObject().put("redis", redis.get()).put("upstreams", ups);
  }

  /** @return DOWN, DEGRADED or UP */
  public String status(JsonObject checks) {
    if (phase != Phase.READY) {
      return "DOWN";
    }
    if ("DOWN".equals(checks.getString("redis"))) {
      return "DEGRADED";
    }
    for (Object v : checks.getJsonObject("upstreams").getMap().values()) {
      if (!"CLOSED".equals(v)) {
        return "DEGRADED";
      }
    }
    return "UP";
  }
}

package io.wplive.proxy.support.redis;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.config.ConfigNode;
import io.wplive.proxy.config.ConfigProblems;
import io.wplive.proxy.config.RedisTierOptions;

/** Builds {@link RedisTierOptions} the way the config loader does, from the YAML shape as JSON. */
public final class RedisTestOptions {
  private RedisTestOptions() {
  }

  /** @throws io.wplive.proxy.config.ConfigException when {@code redis} is not a valid section */
  public static RedisTierOptions of(JsonObject redis) {
    ConfigProblems problems = new ConfigProblems();
    RedisTierOptions options = new RedisTierOptions(new ConfigNode(redis, "redis", problems));
    problems.throwIfAny();
    return options;
  }
}

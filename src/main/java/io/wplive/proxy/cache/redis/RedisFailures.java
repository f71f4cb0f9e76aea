package io.wplive.proxy.cache.redis;

import io.vertx.redis.client.Response;
import java.util.List;

/** Tells a Redis that cannot serve apart from a Redis that refused one command. */
final class RedisFailures {
  /**
   * Error replies that mean "this server cannot serve now" rather than "this command was wrong".
   * {@code CONNECTION_CLOSED} and {@code ILLEGAL_STATE} are made up by the client itself.
   */
  private static final List<String> UNAVAILABLE_PREFIXES = List.of(
      "CONNECTION_CLOSED", "ILLEGAL_STATE", "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY", "READONLY",
      "NOAUTH", "WRONGPASS");

  private RedisFailures() {
  }

  /**
   * True for timeouts, refused or lost connections and the error replies above; false when Redis
   * answered and only rejected the command (WRONGTYPE, NOSCRIPT, OOM, …): Redis is up then.
   */
  static boolean meansUnavailable(Throwable failure) {
    if (!(failure instanceof Response)) {
      return true;
    }
    String message = failure.getMessage();
    if (message == null) {
      return true;
    }
    for (String prefix : UNAVAILABLE_PREFIXES) {
      if (message.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The error reply Redis gives EVALSHA for a script it has not cached (each Cluster node has its own cache). */
  static boolean isNoScript(Throwable failure) {
    return failure instanceof Response && failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
  }
}

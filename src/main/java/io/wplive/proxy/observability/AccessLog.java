package io.wplive.proxy.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code wplp.access}: request id, route, method, path (never the
 * query or headers: they may carry credentials), status, cache outcome, upstream status and time,
 * duration. Logback's async appender keeps the write off the event loop.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("wplp.access");

  private final boolean enabled;

  public AccessLog(boolean enabled) {
    this.enabled = enabled && LOG.isInfoEnabled();
  }

  public boolean enabled() {
    return enabled;
  }

  public void log(String requestId, String route, String method, String path, int status, String cache,
      int upstreamStatus, long upstreamMs, long durationMicros) {
    if (!enabled) {
      return;
    }
    LOG.atInfo()
        .addKeyValue("requestId", requestId)
        .addKeyValue("route", route)
        .addKeyValue("method", method)
        .addKeyValue("path", path)
        .addKeyValue("status", status)
        .addKeyValue("cache", cache)
        .addKeyValue("upstreamStatus", upstreamStatus)
        .addKeyValue("upstreamMs", upstreamMs)
        .addKeyValue("durationMs", durationMicros / 1000.0)
        .log("{} {} {} {} {} route={} upstream={} upstream_ms={} duration_ms={}", requestId, method, path, status, cache,
            route, upstreamStatus, upstreamMs, durationMicros / 1000.0);
  }
}

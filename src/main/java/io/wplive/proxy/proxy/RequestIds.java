package io.wplive.proxy.proxy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: the client's own {@code X-Request-Id} when it is sane, else a process-unique id.
 * A random per-process prefix plus a counter: unique across instances for log correlation,
 * without the cost of {@code UUID.randomUUID()} on every request.
 */
public final class RequestIds {
  private static final String PREFIX = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL);
  private static final AtomicLong COUNTER = new AtomicLong();

  private RequestIds() {
  }

  public static String next() {
    return PREFIX + "-" + Long.toHexString(COUNTER.incrementAndGet());
  }

  /** The client's id if it is 1–128 safe characters (it is echoed in a header and logged). */
  public static String fromClient(String given) {
    if (given == null || given.isEmpty() || given.length() > 128) {
      return next();
    }
    for (int i = 0; i < given.length(); i++) {
      char c = given.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':';
      if (!ok) {
        return next();
      }
    }
    return given;
  }
}

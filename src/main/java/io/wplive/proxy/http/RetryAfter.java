package io.wplive.proxy.http;

/** {@code Retry-After}: delta-seconds or an HTTP-date, as whole seconds from now, capped at one hour. */
public final class RetryAfter {
  public static final long MAX_SECONDS = 3600;

  private RetryAfter() {
  }

  /** @return seconds to wait (1 to 3600), or {@code fallback} when the value is absent or unreadable */
  public static long seconds(String value, long now, long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    long s;
    if (v.chars().allMatch(Character::isDigit)) {
      s = v.length() > 9 ? MAX_SECONDS : Long.parseLong(v);
    } else {
      long at = HttpDates.parse(v);
      if (at == Long.MIN_VALUE) {
        return fallback;
      }
      s = (at - now + 999) / 1000;
    }
    return Math.max(1, Math.min(MAX_SECONDS, s));
  }
}

package io.wplive.proxy.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of SPEC §3: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or {@code 0}. */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(-?)(\\d{1,12})(ms|s|m|h|d)");

  private Durations() {
  }

  /**
   * @param allowNegative only the iCalendar window may point into the past
   * @return the duration, or {@code null} when {@code text} is not one
   */
  public static Duration parse(String text, boolean allowNegative) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(t);
    if (!m.matches() || (!m.group(1).isEmpty() && !allowNegative)) {
      return null;
    }
    long n = Long.parseLong(m.group(2));
    Duration d = switch (m.group(3)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    try {
      d.toMillis();
    } catch (ArithmeticException e) {
      return null;
    }
    return m.group(1).isEmpty() ? d : d.negated();
  }

  /** The shortest config spelling of {@code d}, used when configs are printed back. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0";
    }
    long abs = Math.abs(ms);
    String sign = ms < 0 ? "-" : "";
    if (abs % 86_400_000 == 0) {
      return sign + abs / 86_400_000 + "d";
    }
    if (abs % 3_600_000 == 0) {
      return sign + abs / 3_600_000 + "h";
    }
    if (abs % 60_000 == 0) {
      return sign + abs / 60_000 + "m";
    }
    if (abs % 1000 == 0) {
      return sign + abs / 1000 + "s";
    }
    return sign + abs + "ms";
  }
}

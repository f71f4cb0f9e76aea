package io.wplive.proxy.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the sizes of SPEC §3, 1024-based: {@code 512KB}, {@code 64MB}, {@code 1GB}, {@code 100B}, or {@code 0}. */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)", Pattern.CASE_INSENSITIVE);

  private Sizes() {
  }

  /** @return bytes, or {@code -1} when {@code text} is not a size */
  public static long parse(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return 0;
    }
    Matcher m = SIZE.matcher(t);
    if (!m.matches()) {
      return -1;
    }
    long n = Long.parseLong(m.group(1));
    long unit = switch (m.group(2).toUpperCase()) {
      case "KB" -> 1024L;
      case "MB" -> 1024L * 1024;
      case "GB" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    if (n > Long.MAX_VALUE / unit) {
      return -1;
    }
    return n * unit;
  }
}

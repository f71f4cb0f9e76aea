package io.wplive.proxy.normalize.ical;

/** RFC 5545 TEXT values: {@code \n}, {@code \,}, {@code \;} and {@code \\} escapes. */
final class IcalText {
  private IcalText() {
  }

  /** The unescaped text, or {@code null} for {@code null}. */
  static String unescape(String raw) {
    if (raw == null || raw.indexOf('\\') < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        char n = raw.charAt(++i);
        switch (n) {
          case 'n', 'N' -> sb.append('\n');
          case ',', ';', '\\', ':', '"' -> sb.append(n);
          default -> sb.append('\\').append(n);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

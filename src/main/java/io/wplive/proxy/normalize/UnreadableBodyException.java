package io.wplive.proxy.normalize;

/**
 * A reader could not parse the body. The message says what and where (line, column) but never quotes
 * the body; {@link Normalizer} adds the route name.
 */
final class UnreadableBodyException extends Exception {
  private static final long serialVersionUID = 1L;

  UnreadableBodyException(String problem) {
    super(problem);
  }

  /** " (line 3, column 7)" from a Jackson location, or "" when it has none. */
  static String at(com.fasterxml.jackson.core.JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** Whether the body holds nothing but whitespace (or a byte order mark). */
  static boolean isBlank(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      int b = body[i] & 0xff;
      boolean bom = i < 3 && (b == 0xEF || b == 0xBB || b == 0xBF);
      if (!bom && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}

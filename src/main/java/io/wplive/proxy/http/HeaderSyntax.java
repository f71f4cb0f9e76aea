package io.wplive.proxy.http;

/**
 * What may go into a header field (RFC 9110 §5.1, §5.5). Values the proxy did not parse from a
 * message itself (config, OAuth2 tokens, entries read back from Redis) are checked here where they
 * come in, so a bad one is a config error or an upstream error with a clear message, not an
 * exception from Vert.x's own check in the middle of writing an answer.
 */
public final class HeaderSyntax {
  private static final String TOKEN_SPECIALS = "!#$%&'*+-.^_`|~";

  private HeaderSyntax() {
  }

  /** A token: letters, digits and {@code !#$%&'*+-.^_`|~}, at least one. */
  public static boolean validName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || TOKEN_SPECIALS.indexOf(c) >= 0;
      if (!token) {
        return false;
      }
    }
    return true;
  }

  /** Visible characters, spaces and tabs, one byte each; no CR, LF, NUL or DEL. */
  public static boolean validValue(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return false;
      }
    }
    return true;
  }
}

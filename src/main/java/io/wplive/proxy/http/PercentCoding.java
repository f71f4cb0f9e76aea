package io.wplive.proxy.http;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict RFC 3986 percent-decoding (UTF-8, overlong forms rejected) and canonical encoding. */
public final class PercentCoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCoding() {
  }

  /** Thrown for malformed escapes or invalid UTF-8; callers answer 400. */
  public static final class MalformedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // thrown for bad input, not bugs: no stack needed
    }
  }

  public static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  /** True when {@code s} is already in canonical form (only unreserved characters). */
  public static boolean isCanonical(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isUnreserved(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param plusAsSpace {@code true} in query strings, where {@code +} means a space
   * @throws MalformedException on a bad escape or bytes that are not UTF-8
   */
  public static String decode(String s, boolean plusAsSpace) {
    if (s.indexOf('%') < 0 && (!plusAsSpace || s.indexOf('+') < 0)) {
      return s;
    }
    byte[] bytes = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new MalformedException("incomplete percent escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new MalformedException("bad percent escape");
        }
        bytes[n++] = (byte) ((hi << 4) | lo);
        i += 2;
      } else if (c == '+' && plusAsSpace) {
        bytes[n++] = ' ';
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        // a raw non-ASCII char in a request target: encode it as UTF-8
        byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        byte[] grown = new byte[bytes.length + enc.length];
        System.arraycopy(bytes, 0, grown, 0, n);
        bytes = grown;
        for (byte b : enc) {
          bytes[n++] = b;
        }
      }
    }
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer out = dec.decode(ByteBuffer.wrap(bytes, 0, n));
      return out.toString();
    } catch (CharacterCodingException e) {
      throw new MalformedException("not UTF-8");
    }
  }

  /** Encodes every character but the unreserved ones, as UTF-8 percent escapes. */
  public static String encode(String s) {
    if (isCanonical(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (c < 0x80 && isUnreserved(c)) {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return sb.toString();
  }
}

package io.wplive.proxy.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Constant-time comparison of secrets: both sides hashed first, so length leaks nothing either. */
public final class Secrets {
  private Secrets() {
  }

  public static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @param expectedHash {@link #sha256} of the configured secret */
  public static boolean matches(byte[] expectedHash, String given) {
    return given != null && MessageDigest.isEqual(expectedHash, sha256(given));
  }
}

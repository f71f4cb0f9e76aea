package io.wplive.proxy.security;

import io.vertx.core.http.HttpServerRequest;
import io.wplive.proxy.config.ClientsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Client API keys ({@code clients.apiKeys}): {@code X-Api-Key: …} or {@code Authorization: Bearer …}.
 * Only SHA-256 digests of the keys are kept; a presented key is hashed and looked up, so the
 * comparison never runs over the secret itself. The key's name, never the key, is what logs and
 * metrics see.
 */
public final class ClientAuth {
  /** Who called, and through which header (that header is never forwarded upstream). */
  public record Client(ClientsOptions.ApiKey key, String header) {
    public String name() {
      return key.name();
    }
  }

  private final Map<String, ClientsOptions.ApiKey> byDigest = new HashMap<>();

  public ClientAuth(ClientsOptions options) {
    if (options != null) {
      for (ClientsOptions.ApiKey k : options.apiKeys()) {
        byDigest.put(digest(k.key()), k);
      }
    }
  }

  /** Client authentication is on when any key is configured. */
  public boolean enabled() {
    return !byDigest.isEmpty();
  }

  /** @return the authenticated client, or {@code null} when no known key was presented */
  public Client authenticate(HttpServerRequest req) {
    String key = req.headers().get("x-api-key");
    String header = "x-api-key";
    if (key == null) {
      String auth = req.headers().get("authorization");
      if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
        key = auth.substring(7).trim();
        header = "authorization";
      }
    }
    if (key == null || key.isEmpty() || key.length() > 512) {
      return null;
    }
    ClientsOptions.ApiKey k = byDigest.get(digest(key));
    return k == null ? null : new Client(k, header);
  }

  static String digest(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

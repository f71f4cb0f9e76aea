package io.wplive.proxy.config;

import java.util.List;

/** {@code clients:} who may call the proxy, and how often. */
public final class ClientsOptions {
  /** One client API key. */
  public static final class ApiKey {
    private final String name;
    private final String key;
    private final RateLimitOptions rateLimit;

    ApiKey(ConfigNode n) {
      name = n.requiredString("name");
      key = n.requiredString("key");
      rateLimit = RateLimitOptions.read(n, "rateLimit", false);
      if (key != null && key.length() < 16) {
        n.problem("key", "is too short (at least 16 characters)");
      }
    }

    public String name() { return name; }
    /** Never logged. */
    public String key() { return key; }
    public RateLimitOptions rateLimit() { return rateLimit; }
  }

  private final List<ApiKey> apiKeys;
  private final RateLimitOptions ipRateLimit;
  private final List<String> corsAllowOrigins;

  public ClientsOptions(ConfigNode n) {
    apiKeys = n.objectList("apiKeys", ApiKey::new);
    ipRateLimit = RateLimitOptions.read(n, "ipRateLimit", false);
    ConfigNode cors = n.child("cors");
    if (cors != null) {
      corsAllowOrigins = cors.stringList("allowOrigins");
      for (int i = 0; i < corsAllowOrigins.size(); i++) {
        String o = corsAllowOrigins.get(i);
        if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
          n.problems().add(cors.pathOf("allowOrigins") + "[" + i + "]",
              "\"" + o + "\" is not an origin (scheme://host[:port], no path) or *");
        }
      }
      cors.finish();
    } else {
      corsAllowOrigins = List.of();
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < apiKeys.size(); i++) {
      if (apiKeys.get(i).name() != null && !names.add(apiKeys.get(i).name())) {
        n.problems().add(n.pathOf("apiKeys") + "[" + i + "].name", "duplicate name " + apiKeys.get(i).name());
      }
    }
  }

  public List<ApiKey> apiKeys() { return apiKeys; }
  public RateLimitOptions ipRateLimit() { return ipRateLimit; }
  public List<String> corsAllowOrigins() { return corsAllowOrigins; }
}

package io.wplive.proxy.config;

/** {@code upstreams.*.tls:} PEM text (usually from {@code ${file:…}}) for trust and mutual TLS. */
public final class TlsOptions {
  private final String trustCa;
  private final String clientCert;
  private final String clientKey;
  private final boolean verifyHost;

  TlsOptions(ConfigNode n) {
    trustCa = emptyToNull(n.string("trustCa", ""));
    clientCert = emptyToNull(n.string("clientCert", ""));
    clientKey = emptyToNull(n.string("clientKey", ""));
    verifyHost = n.bool("verifyHost", true);
    if ((clientCert == null) != (clientKey == null)) {
      n.problem(clientCert == null ? "clientCert" : "clientKey", "clientCert and clientKey go together");
    }
    checkPem(n, "trustCa", trustCa, "CERTIFICATE");
    checkPem(n, "clientCert", clientCert, "CERTIFICATE");
    checkPem(n, "clientKey", clientKey, "PRIVATE KEY");
  }

  private static void checkPem(ConfigNode n, String key, String value, String kind) {
    if (value != null && !(value.contains("-----BEGIN") && value.contains(kind))) {
      n.problem(key, "is not PEM text with a " + kind + " (use ${file:/path/to.pem})");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  public String trustCa() { return trustCa; }
  public String clientCert() { return clientCert; }
  /** Never logged. */
  public String clientKey() { return clientKey; }
  public boolean verifyHost() { return verifyHost; }
}

package io.wplive.proxy.config;

import io.wplive.proxy.http.HeaderSyntax;

/** {@code upstreams.*.auth:} the credentials the proxy adds to every upstream call. Never logged. */
public final class AuthOptions {
  private final String type;
  private final String name;
  private final String value;
  private final String token;
  private final String username;
  private final String password;
  private final String tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final String scope;

  AuthOptions(ConfigNode n) {
    type = n.oneOf("type", null, "header", "query", "bearer", "basic", "oauth2");
    if (!n.has("type")) {
      n.problem("type", "is required (header, query, bearer, basic or oauth2)");
    }
    String t = type == null ? "" : type;
    name = t.equals("header") || t.equals("query") ? n.requiredString("name") : null;
    value = t.equals("header") || t.equals("query") ? n.requiredString("value") : null;
    token = t.equals("bearer") ? n.requiredString("token") : null;
    username = t.equals("basic") ? n.requiredString("username") : null;
    password = t.equals("basic") ? n.string("password", "") : null;
    tokenUrl = t.equals("oauth2") ? n.requiredString("tokenUrl") : null;
    clientId = t.equals("oauth2") ? n.requiredString("clientId") : null;
    clientSecret = t.equals("oauth2") ? n.requiredString("clientSecret") : null;
    scope = t.equals("oauth2") ? n.string("scope", null) : null;
    if (tokenUrl != null && !tokenUrl.matches("https?://.+")) {
      n.problem("tokenUrl", "is not an http:// or https:// URL");
    }
    if (name != null && t.equals("header") && !HeaderSyntax.validName(name)) {
      n.problem("name", "is not a valid header name");
    }
    // these go into a header as they are (basic credentials are base64-encoded, so any text is fine there)
    if (value != null && t.equals("header") && !HeaderSyntax.validValue(value)) {
      n.problem("value", "must be one line of text (no control characters)");
    }
    if (token != null && !HeaderSyntax.validValue(token)) {
      n.problem("token", "must be one line of text (no control characters)");
    }
    if (username != null && username.contains(":")) {
      n.problem("username", "must not contain ':' (RFC 7617)");
    }
  }

  public String type() { return type; }
  public String name() { return name; }
  public String value() { return value; }
  public String token() { return token; }
  public String username() { return username; }
  public String password() { return password; }
  public String tokenUrl() { return tokenUrl; }
  public String clientId() { return clientId; }
  public String clientSecret() { return clientSecret; }
  public String scope() { return scope; }
}

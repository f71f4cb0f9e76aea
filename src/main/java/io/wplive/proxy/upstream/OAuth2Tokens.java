package io.wplive.proxy.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.http.HeaderSyntax;
import io.wplive.proxy.config.AuthOptions;
import io.wplive.proxy.http.PercentCoding;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens for one upstream. One token request at a time however many
 * calls need a token (coalesced); the token is used until shortly before {@code expires_in} and
 * refreshed ahead in the background once 80 % of its life has passed; a 401 from the upstream
 * replaces it once. The client secret and tokens are never logged.
 */
public final class OAuth2Tokens {
  private static final Logger LOG = LoggerFactory.getLogger(OAuth2Tokens.class);
  static final long DEFAULT_LIFETIME_S = 3600;

  private final String upstream;
  private final AuthOptions options;
  private final Clock clock;
  private final HttpClientAgent http;
  private final URI tokenUri;
  private final long timeoutMs;
  private volatile Token current;
  private Future<Token> inFlight;

  /** A token and its times (epoch ms). */
  record Token(String value, long issuedAt, long refreshAt, long expiresAt) {
  }

  public OAuth2Tokens(Vertx vertx, String upstream, AuthOptions options, Clock clock, long timeoutMs) {
    this.upstream = upstream;
    this.options = options;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.tokenUri = URI.create(options.tokenUrl());
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setSsl("https".equals(tokenUri.getScheme()))
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
        .setKeepAlive(true));
  }

  /** A usable token: the cached one, or a fresh one when none is left. */
  public Future<String> token() {
    Token t = current;
    long now = clock.millis();
    if (t != null && now < t.expiresAt()) {
      if (now >= t.refreshAt()) {
        fetch(); // ahead of expiry, in the background; this call keeps the current one
      }
      return Future.succeededFuture(t.value());
    }
    return fetch().map(Token::value);
  }

  /** After a 401: a new token, unless another call already replaced {@code rejected}. */
  public Future<String> replace(String rejected) {
    Token t = current;
    if (t != null && !t.value().equals(rejected) && clock.millis() < t.expiresAt()) {
      return Future.succeededFuture(t.value());
    }
    synchronized (this) {
      if (current != null && current.value().equals(rejected)) {
        current = null;
      }
    }
    return fetch().map(Token::value);
  }

  private synchronized Future<Token> fetch() {
    if (inFlight != null) {
      return inFlight;
    }
    Future<Token> f = request();
    inFlight = f;
    f.onComplete(ar -> {
      synchronized (this) {
        inFlight = null;
        if (ar.succeeded()) {
          current = ar.result();
        }
      }
      if (ar.failed()) {
        LOG.warn("upstream {}: OAuth2 token request failed: {}", upstream, ar.cause().getMessage());
      }
    });
    return f;
  }

  private Future<Token> request() {
    StringBuilder form = new StringBuilder("grant_type=client_credentials")
        .append("&client_id=").append(PercentCoding.encode(options.clientId()))
        .append("&client_secret=").append(PercentCoding.encode(options.clientSecret()));
    if (options.scope() != null && !options.scope().isBlank()) {
      form.append("&scope=").append(PercentCoding.encode(options.scope()));
    }
    int port = tokenUri.getPort() > 0 ? tokenUri.getPort() : "https".equals(tokenUri.getScheme()) ? 443 : 80;
    String path = (tokenUri.getRawPath() == null || tokenUri.getRawPath().isEmpty() ? "/" : tokenUri.getRawPath())
        + (tokenUri.getRawQuery() == null ? "" : "?" + tokenUri.getRawQuery());
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setHost(tokenUri.getHost()).setPort(port)
        .setSsl("https".equals(tokenUri.getScheme())).setURI(path).setIdleTimeout(timeoutMs)
        .putHeader("Content-Type", "application/x-www-form-urlencoded").putHeader("Accept", "application/json");
    long sentAt = clock.millis();
    return http.request(ro)
        .compose(req -> req.send(Buffer.buffer(form.toString())))
        .compose((HttpClientResponse resp) -> resp.body().map(body -> parse(resp.statusCode(), body, sentAt)))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(err instanceof ProxyFailure ? err : new ProxyFailure(ErrorCode.UPSTREAM_ERROR,
            "could not obtain an OAuth2 token for upstream " + upstream, 0, 0, "connect_error")));
  }

  private Token parse(int status, Buffer body, long sentAt) {
    String token = null;
    long lifetime = DEFAULT_LIFETIME_S;
    if (status == 200) {
      try {
        JsonObject json = new JsonObject(body);
        token = json.getString("access_token");
        Object exp = json.getValue("expires_in");
        if (exp instanceof Number n && n.longValue() > 0) {
          lifetime = n.longValue();
        } else if (exp instanceof String s && s.matches("\\d{1,9}")) {
          lifetime = Long.parseLong(s);
        }
      } catch (RuntimeException e) {
        token = null;
      }
    }
    if (token != null && !HeaderSyntax.validValue(token)) {
      throw new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "the token endpoint of upstream " + upstream
          + " answered with a token that cannot be sent in a header (control or non-Latin-1 characters)", 0, 0, null);
    }
    if (token == null || token.isEmpty()) {
      throw new ProxyFailure(ErrorCode.UPSTREAM_ERROR, "the token endpoint of upstream " + upstream
          + " refused the proxy's client credentials or answered without a token (status " + status + ")", 0, 0, null);
    }
    long ms = lifetime * 1000;
    // counted from when the request was sent: the token may have been issued then
    long expiresAt = sentAt + ms - Math.min(60_000, ms / 10);
    return new Token(token, sentAt, sentAt + ms * 8 / 10, expiresAt);
  }

  public Future<Void> close() {
    return http.close();
  }
}

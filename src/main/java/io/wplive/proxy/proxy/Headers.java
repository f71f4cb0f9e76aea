package io.wplive.proxy.proxy;

import io.vertx.core.http.HttpHeaders;

/** Header names and constant values, pre-encoded once (Vert.x writes these without re-encoding). */
public final class Headers {
  public static final CharSequence CONTENT_TYPE = HttpHeaders.CONTENT_TYPE;
  public static final CharSequence CONTENT_LENGTH = HttpHeaders.CONTENT_LENGTH;
  public static final CharSequence CONTENT_ENCODING = HttpHeaders.CONTENT_ENCODING;
  public static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
  public static final CharSequence AGE = HttpHeaders.AGE;
  public static final CharSequence VARY = HttpHeaders.VARY;
  public static final CharSequence VIA = HttpHeaders.createOptimized("Via");
  public static final CharSequence ALLOW = HttpHeaders.ALLOW;
  public static final CharSequence RETRY_AFTER = HttpHeaders.RETRY_AFTER;
  public static final CharSequence CACHE_STATUS = HttpHeaders.createOptimized("Cache-Status");
  public static final CharSequence X_CACHE = HttpHeaders.createOptimized("X-Cache");
  public static final CharSequence X_REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

  public static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  public static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  public static final CharSequence VIA_VALUE = HttpHeaders.createOptimized("1.1 wp-live-proxy");
  public static final CharSequence GZIP = HttpHeaders.createOptimized("gzip");
  public static final CharSequence ACCEPT_ENCODING = HttpHeaders.ACCEPT_ENCODING;
  public static final CharSequence X_HIT = HttpHeaders.createOptimized("HIT");
  public static final CharSequence X_STALE = HttpHeaders.createOptimized("STALE");
  public static final CharSequence X_MISS = HttpHeaders.createOptimized("MISS");
  public static final CharSequence X_BYPASS = HttpHeaders.createOptimized("BYPASS");

  private Headers() {
  }
}

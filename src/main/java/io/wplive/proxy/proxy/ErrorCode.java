package io.wplive.proxy.proxy;

/** Every error a client can get, with its status (SPEC §4 error table). */
public enum ErrorCode {
  BAD_REQUEST(400, "bad_request"),
  UNAUTHORIZED(401, "unauthorized"),
  ROUTE_NOT_FOUND(404, "route_not_found"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  PAYLOAD_TOO_LARGE(413, "payload_too_large"),
  URI_TOO_LONG(414, "uri_too_long"),
  HEADERS_TOO_LARGE(431, "headers_too_large"),
  RATE_LIMITED(429, "rate_limited"),
  UPSTREAM_ERROR(502, "upstream_error"),
  UPSTREAM_UNAVAILABLE(503, "upstream_unavailable"),
  UPSTREAM_RATE_LIMITED(503, "upstream_rate_limited"),
  UPSTREAM_TIMEOUT(504, "upstream_timeout"),
  INTERNAL(500, "internal_error");

  private final int status;
  private final String code;

  ErrorCode(int status, String code) {
    this.status = status;
    this.code = code;
  }

  public int status() { return status; }
  public String code() { return code; }
}

package io.wplive.proxy.proxy;

/**
 * A failure that becomes an error answer: the code, a message safe to show a client (never an
 * upstream's body or credentials), and optionally a {@code Retry-After} and the upstream status.
 * No stack trace: these are outcomes, not bugs.
 */
public final class ProxyFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final long retryAfterSeconds;
  private final int upstreamStatus;
  private final String detail;
  private final io.wplive.proxy.cache.CachedResponse relay;

  public ProxyFailure(ErrorCode code, String message) {
    this(code, message, 0, 0, null);
  }

  /**
   * @param retryAfterSeconds 0 = no Retry-After
   * @param upstreamStatus the upstream's status when it answered, else 0
   * @param detail the Cache-Status detail (e.g. {@code circuit-open}), or null
   */
  public ProxyFailure(ErrorCode code, String message, long retryAfterSeconds, int upstreamStatus, String detail) {
    this(code, message, retryAfterSeconds, upstreamStatus, detail, null);
  }

  private ProxyFailure(ErrorCode code, String message, long retryAfterSeconds, int upstreamStatus, String detail,
      io.wplive.proxy.cache.CachedResponse relay) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.upstreamStatus = upstreamStatus;
    this.detail = detail;
    this.relay = relay;
  }

  /** The same failure carrying the upstream's own answer, for routes with {@code errors: relay}. */
  public ProxyFailure withRelay(io.wplive.proxy.cache.CachedResponse answer) {
    return new ProxyFailure(code, getMessage(), retryAfterSeconds, upstreamStatus, detail, answer);
  }

  /** The upstream answer to relay as it is, or {@code null} to answer with the JSON error. */
  public io.wplive.proxy.cache.CachedResponse relay() { return relay; }

  public ErrorCode code() { return code; }
  public long retryAfterSeconds() { return retryAfterSeconds; }
  public int upstreamStatus() { return upstreamStatus; }
  public String detail() { return detail; }
}

package io.wplive.proxy.normalize;

/**
 * The client's {@code page}, {@code per_page} or {@code cursor} is unusable; the message is written for
 * the client and fits a 400 answer. It never echoes the client's value back.
 */
public final class BadPageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public BadPageException(String message) {
    super(message);
  }

  /** Thrown on client input for every bad request: the stack trace would only cost time. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}

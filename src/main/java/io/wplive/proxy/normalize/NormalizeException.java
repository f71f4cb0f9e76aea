package io.wplive.proxy.normalize;

/**
 * The upstream body cannot be turned into the route's envelope: it does not parse, the items pointer
 * finds no list or object, or the transform fails. The proxy treats this as an upstream error (502 or
 * stale), never as a 500.
 *
 * <p>The message names the route and says what went wrong, but never quotes the body: upstream bodies
 * can hold personal data or secrets, and this message ends up in logs. For the same reason the
 * parser's own exception is not kept as the cause (Jackson and ical4j quote the offending input).
 */
public final class NormalizeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String route;

  public NormalizeException(String route, String problem) {
    super("route " + route + ": " + problem);
    this.route = route;
  }

  /** The route whose body failed. */
  public String route() {
    return route;
  }
}

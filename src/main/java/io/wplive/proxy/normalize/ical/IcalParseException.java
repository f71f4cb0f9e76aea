package io.wplive.proxy.normalize.ical;

/**
 * The body is not an iCalendar stream. Only the line number is kept: ical4j's own messages quote the
 * offending content.
 */
public final class IcalParseException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  public IcalParseException(int line) {
    super("the body is not valid iCalendar" + (line > 0 ? " (line " + line + ")" : ""));
    this.line = line;
  }

  /** The 1-based line of the problem, or -1 when unknown. */
  public int line() {
    return line;
  }
}

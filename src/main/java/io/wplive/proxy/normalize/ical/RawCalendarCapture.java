package io.wplive.proxy.normalize.ical;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.ContentHandler;

/**
 * Receives ical4j's parse events and keeps them as a plain tree of components and raw properties.
 *
 * <p>ical4j's own {@code DefaultContentHandler} registers a new global {@code ZoneRulesProvider} at the
 * end of every calendar; in a process that parses the same feed every minute that list only grows.
 * Capturing the content ourselves keeps parsing free of global state.
 */
final class RawCalendarCapture implements ContentHandler {
  private final Deque<RawComponent> open = new ArrayDeque<>();
  private RawComponent calendar;
  private String propertyName;
  private Map<String, String> propertyParams;
  private String propertyValue;

  /** The parsed VCALENDAR, or {@code null} when the body had none. */
  RawComponent calendar() {
    return calendar;
  }

  @Override
  public void startCalendar() {
    calendar = new RawComponent("VCALENDAR");
    open.clear();
    open.push(calendar);
  }

  @Override
  public void endCalendar() {
    open.clear();
  }

  @Override
  public void startComponent(String name) {
    RawComponent c = new RawComponent(name.toUpperCase(Locale.ROOT));
    if (!open.isEmpty()) {
      open.peek().children().add(c);
    }
    open.push(c);
  }

  @Override
  public void endComponent(String name) {
    // the calendar itself stays open until endCalendar
    if (open.size() > 1) {
      open.pop();
    }
  }

  @Override
  public void startProperty(String name) {
    propertyName = name.toUpperCase(Locale.ROOT);
    propertyParams = new HashMap<>();
    propertyValue = null;
  }

  @Override
  public void parameter(String name, String value) {
    if (propertyParams != null) {
      propertyParams.put(name.toUpperCase(Locale.ROOT), unquote(value));
    }
  }

  @Override
  public void propertyValue(String value) {
    propertyValue = value;
  }

  @Override
  public void endProperty(String name) {
    if (propertyName != null && !open.isEmpty()) {
      open.peek().properties().add(new RawProperty(propertyName, propertyParams, propertyValue));
    }
    propertyName = null;
    propertyParams = null;
    propertyValue = null;
  }

  /** ical4j hands quoted parameter values over with their quotes: {@code TZID="Europe/Paris"}. */
  private static String unquote(String v) {
    if (v != null && v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}

package io.wplive.proxy.normalize.ical;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * Reads an iCalendar feed into one event object per occurrence inside a window relative to "now":
 * recurrences expanded, EXDATEs honoured, RECURRENCE-ID events in place of the occurrences they replace,
 * TZIDs converted, every time in UTC ({@code YYYY-MM-DDTHH:MM:SSZ}); all-day events keep date-only
 * {@code start}/{@code end} with an exclusive end. Every event, recurring or not, is kept only when it
 * overlaps the window, so a feed with years of history stays small.
 *
 * <p>ical4j parses the text and expands the rules; dates and zones are read here so that nothing touches
 * the network or global state (see {@link RawCalendarCapture}, {@link ZoneResolver}). Thread-safe.
 */
public final class IcalEventReader {
  /** More occurrences than this in one window are cut, earliest kept. */
  public static final int MAX_EVENTS = 10_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Comparator<Occurrence> BY_START = Comparator.comparing(Occurrence::sortKey)
      .thenComparing(o -> o.event().uid, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(o -> o.event().summary, Comparator.nullsLast(Comparator.naturalOrder()));

  private final Duration from;
  private final Duration to;
  private final DefinedZoneCache zoneCache = new DefinedZoneCache();

  /**
   * @param from the window's start relative to now (usually negative)
   * @param to the window's end relative to now
   */
  public IcalEventReader(Duration from, Duration to) {
    this.from = from;
    this.to = to;
  }

  public IcalEvents read(String text, Instant now) throws IcalParseException {
    RawComponent calendar = parse(text);
    List<String> problems = new ArrayList<>();
    Map<String, RawComponent> zoneDefinitions = new HashMap<>();
    List<RawComponent> vevents = new ArrayList<>();
    for (RawComponent c : calendar.children()) {
      if (c.name().equals("VTIMEZONE") && c.value("TZID") != null) {
        zoneDefinitions.put(c.value("TZID"), c);
      } else if (c.name().equals("VEVENT")) {
        vevents.add(c);
      }
    }
    ZoneResolver zones = new ZoneResolver(zoneDefinitions, calendar.value("X-WR-TIMEZONE"), zoneCache, problems);

    List<EventSource> events = new ArrayList<>();
    Map<String, Exclusions> replacedByUid = new HashMap<>();
    for (int i = 0; i < vevents.size(); i++) {
      try {
        EventSource e = new EventSource(i + 1, vevents.get(i), zones, problems);
        events.add(e);
        if (e.isOverride() && e.uid != null) {
          replacedByUid.computeIfAbsent(e.uid, k -> new Exclusions()).add(e.recurrenceId);
        }
      } catch (RuntimeException ex) {
        problems.add("event " + (i + 1) + ": no readable DTSTART; skipped");
      }
    }

    RecurrenceExpander expander = new RecurrenceExpander(now.plus(from), now.plus(to), problems);
    List<Occurrence> occurrences = new ArrayList<>();
    Exclusions none = new Exclusions();
    for (EventSource e : events) {
      Exclusions replaced = e.isOverride() || e.uid == null ? none : replacedByUid.getOrDefault(e.uid, none);
      occurrences.addAll(expander.expand(e, replaced));
    }
    occurrences.sort(BY_START);
    if (occurrences.size() > MAX_EVENTS) {
      problems.add("more than " + MAX_EVENTS + " occurrences in the window; the latest were cut");
      occurrences = occurrences.subList(0, MAX_EVENTS);
    }
    ArrayNode out = NODES.arrayNode(occurrences.size());
    for (Occurrence o : occurrences) {
      out.add(toJson(o));
    }
    return new IcalEvents(out, problems);
  }

  private static RawComponent parse(String text) throws IcalParseException {
    RawCalendarCapture capture = new RawCalendarCapture();
    // some exporters start the file with a byte order mark, which the parser would take for content
    String body = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    try {
      new CalendarParserImpl().parse(new UnfoldingReader(new StringReader(body)), capture);
    } catch (ParserException e) {
      throw new IcalParseException(e.getLineNo());
    } catch (IOException | RuntimeException e) {
      throw new IcalParseException(-1);
    }
    if (capture.calendar() == null) {
      throw new IcalParseException(-1);
    }
    return capture.calendar();
  }

  private static ObjectNode toJson(Occurrence o) {
    EventSource e = o.event();
    ObjectNode n = NODES.objectNode();
    n.put("uid", e.uid);
    n.put("summary", e.summary);
    n.put("description", e.description);
    n.put("location", e.location);
    n.put("start", o.start());
    n.put("end", o.end());
    n.put("allDay", o.allDay());
    n.put("status", e.status);
    n.put("url", e.url);
    return n;
  }
}

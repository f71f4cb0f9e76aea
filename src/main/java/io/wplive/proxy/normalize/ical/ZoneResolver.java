package io.wplive.proxy.normalize.ical;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.ZoneRulesBuilder;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * Turns a TZID into an {@link EventZone} without any I/O: first the JDK's own tz database (current
 * rules, and what the name means to everyone else), then the IANA name inside prefixed ids such as
 * {@code /mozilla.org/20050126_1/Europe/Paris} or a VTIMEZONE's {@code X-LIC-LOCATION}, and last the
 * rules the feed's VTIMEZONE spells out (built with ical4j's {@link ZoneRulesBuilder}).
 */
final class ZoneResolver {
  /** TZIDs that are safe to quote in a log line; others are described, not quoted. */
  private static final Pattern PRINTABLE_TZID = Pattern.compile("[A-Za-z0-9/_+.:() -]{1,64}");

  private final Map<String, RawComponent> definitions;
  private final DefinedZoneCache cache;
  private final List<String> problems;
  private final String calendarZone;
  private final Map<String, EventZone> resolved = new HashMap<>();
  private EventZone floating;

  /**
   * @param definitions the calendar's VTIMEZONEs by TZID
   * @param calendarZone the calendar's {@code X-WR-TIMEZONE} or {@code null}
   * @param cache rules already built from definitions like these
   * @param problems where an unknown zone is reported
   */
  ZoneResolver(Map<String, RawComponent> definitions, String calendarZone, DefinedZoneCache cache,
      List<String> problems) {
    this.definitions = definitions;
    this.calendarZone = calendarZone;
    this.cache = cache;
    this.problems = problems;
  }

  /**
   * The zone of floating times (no TZID, no Z): the calendar's {@code X-WR-TIMEZONE} when it names a
   * zone (Google and Apple calendars write it), else UTC.
   */
  EventZone floating() {
    if (floating == null) {
      ZoneId id = javaZone(calendarZone);
      floating = id == null ? EventZone.UTC : new EventZone.Named(id);
    }
    return floating;
  }

  EventZone resolve(String tzid) {
    EventZone z = resolved.get(tzid);
    if (z == null) {
      z = lookup(tzid);
      resolved.put(tzid, z);
    }
    return z;
  }

  private EventZone lookup(String tzid) {
    ZoneId id = javaZone(tzid);
    if (id != null) {
      return new EventZone.Named(id);
    }
    RawComponent definition = definitions.get(tzid);
    if (definition != null) {
      ZoneId location = javaZone(definition.value("X-LIC-LOCATION"));
      if (location != null) {
        return new EventZone.Named(location);
      }
      try {
        return new EventZone.Defined(cache.get(definition, () -> build(tzid, definition)));
      } catch (RuntimeException e) {
        problems.add("the definition of " + describe(tzid) + " is unreadable; its times are read as UTC");
        return EventZone.UTC;
      }
    }
    problems.add(describe(tzid) + " is unknown; its times are read as UTC");
    return EventZone.UTC;
  }

  /** The TZID for a log line, quoted only when it cannot carry control characters or markup. */
  private static String describe(String tzid) {
    return PRINTABLE_TZID.matcher(tzid).matches() ? "time zone \"" + tzid + "\"" : "a time zone with an unprintable TZID";
  }

  /** A zone java.time knows under this name or under its trailing "Area/City" part, or {@code null}. */
  static ZoneId javaZone(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.trim();
    ZoneId id = zoneOrNull(n);
    if (id != null) {
      return id;
    }
    String[] parts = n.split("/");
    for (int from = 1; from < parts.length - 1; from++) {
      id = zoneOrNull(String.join("/", java.util.Arrays.copyOfRange(parts, from, parts.length)));
      if (id != null) {
        return id;
      }
    }
    return null;
  }

  private static ZoneId zoneOrNull(String n) {
    try {
      return ZoneId.of(n);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** @throws RuntimeException (ical4j's ConstraintViolationException among others) on a broken definition */
  private static ZoneRules build(String tzid, RawComponent definition) {
    return new ZoneRulesBuilder().vTimeZone(toVTimeZone(tzid, definition)).build();
  }

  private static VTimeZone toVTimeZone(String tzid, RawComponent definition) {
    List<Observance> observances = new ArrayList<>();
    for (RawComponent c : definition.children()) {
      boolean standard = c.name().equals("STANDARD");
      if (!standard && !c.name().equals("DAYLIGHT")) {
        continue;
      }
      List<Property> props = new ArrayList<>();
      for (RawProperty p : c.properties()) {
        switch (p.name()) {
          case "DTSTART" -> props.add(new DtStart<>(p.value()));
          case "TZOFFSETFROM" -> props.add(new TzOffsetFrom(p.value()));
          case "TZOFFSETTO" -> props.add(new TzOffsetTo(p.value()));
          case "RRULE" -> props.add(new RRule<>(p.value()));
          case "RDATE" -> props.add(new RDate<>(new ParameterList(), p.value()));
          default -> {
            // names and comments do not affect the offsets
          }
        }
      }
      PropertyList list = new PropertyList(props);
      observances.add(standard ? new Standard(list) : new Daylight(list));
    }
    return new VTimeZone(new PropertyList(List.of(new TzId(tzid))), new ComponentList<>(observances));
  }
}

package io.wplive.proxy.normalize.ical;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<String, RawComponent> definitions;
  private final List<String> problems;
  private final Map<String, EventZone> resolved = new HashMap<>();

  /**
   * @param definitions the calendar's VTIMEZONEs by TZID
   * @param problems where an unknown zone is reported
   */
  ZoneResolver(Map<String, RawComponent> definitions, List<String> problems) {
    this.definitions = definitions;
    this.problems = problems;
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
        return new EventZone.Defined(new ZoneRulesBuilder().vTimeZone(toVTimeZone(tzid, definition)).build());
      } catch (RuntimeException e) {
        problems.add("the definition of time zone \"" + tzid + "\" is unreadable; its times are read as UTC");
        return EventZone.UTC;
      }
    }
    problems.add("time zone \"" + tzid + "\" is unknown; its times are read as UTC");
    return EventZone.UTC;
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

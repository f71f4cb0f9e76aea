package io.wplive.proxy.normalize.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DATE or DATE-TIME value. A DATE is an all-day value; a DATE-TIME is a wall-clock time in a zone:
 * its TZID, UTC for a trailing {@code Z}, and for floating times the calendar's {@code X-WR-TIMEZONE}
 * or else UTC (a server has no better guess).
 *
 * @param date set for DATE values
 * @param wallClock set for DATE-TIME values
 * @param zone set for DATE-TIME values
 */
record IcalTime(LocalDate date, LocalDateTime wallClock, EventZone zone) {
  /** {@code 20250106T100000Z}; seconds are sometimes left out by hand-written feeds. */
  private static final Pattern DATE_TIME = Pattern.compile("(\\d{8})T(\\d{4})(\\d{2})?(Z?)");
  private static final Pattern DATE = Pattern.compile("\\d{8}");

  boolean allDay() {
    return date != null;
  }

  /** The date-time recurrences expand from (all-day values: not used). */
  ZonedDateTime seed() {
    return zone.seed(wallClock);
  }

  /** When it happens; an all-day value starts at midnight UTC. */
  Instant instant() {
    return allDay() ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : zone.toInstant(seed());
  }

  /** The calendar date on the value's own wall clock. */
  LocalDate localDate() {
    return allDay() ? date : wallClock.toLocalDate();
  }

  /** The single value of a DTSTART, DTEND or RECURRENCE-ID. */
  static IcalTime of(RawProperty p, ZoneResolver zones) {
    return parse(p.value().trim(), p, zones);
  }

  /** Every value of a comma-separated EXDATE or RDATE; PERIOD values give their start. */
  static List<IcalTime> listOf(RawProperty p, ZoneResolver zones) {
    List<IcalTime> out = new ArrayList<>();
    for (String v : p.value().split(",")) {
      String s = v.trim();
      int slash = s.indexOf('/');
      if (slash > 0) {
        s = s.substring(0, slash);
      }
      if (!s.isEmpty()) {
        out.add(parse(s, p, zones));
      }
    }
    return out;
  }

  private static IcalTime parse(String v, RawProperty p, ZoneResolver zones) {
    if ("DATE".equalsIgnoreCase(p.param("VALUE")) || DATE.matcher(v).matches()) {
      return new IcalTime(LocalDate.parse(v.substring(0, Math.min(8, v.length())), DateTimeFormatter.BASIC_ISO_DATE),
          null, null);
    }
    Matcher m = DATE_TIME.matcher(v);
    if (!m.matches()) {
      throw new DateTimeParseException("not an iCalendar DATE or DATE-TIME", "", 0);
    }
    LocalDate d = LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
    String hm = m.group(2);
    int seconds = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    LocalDateTime wall = d.atTime(Integer.parseInt(hm.substring(0, 2)), Integer.parseInt(hm.substring(2)), seconds);
    EventZone zone;
    if (!m.group(4).isEmpty()) {
      zone = EventZone.UTC;
    } else if (p.param("TZID") != null) {
      zone = zones.resolve(p.param("TZID"));
    } else {
      zone = zones.floating();
    }
    return new IcalTime(null, wall, zone);
  }
}

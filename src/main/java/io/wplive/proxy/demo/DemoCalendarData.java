package io.wplive.proxy.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

/**
 * The booking feed behind {@link CalendarApi}: a yoga studio's calendar as its booking software
 * exports it. Dates are placed around the demo clock's "today" (Europe/Paris) so that the proxy's
 * default window, -1d..90d, always holds occurrences of every kind: a weekly class (RRULE with COUNT
 * and one EXDATE, a TZID with no VTIMEZONE, left to the reader's own tz database), one-off bookings
 * in local time and in UTC, a cancelled one, a past one the window leaves out, and all-day closures.
 * The text depends only on the date, so it is the same all day long.
 */
final class DemoCalendarData {
  static final ZoneId STUDIO_ZONE = ZoneId.of("Europe/Paris");
  static final String WEEKLY_UID = "weekly-evening-yoga@calendar.demo.wplive";
  /** Occurrences of the weekly class; with its start a week or two back, they reach ~4 months ahead. */
  static final int WEEKLY_COUNT = 20;
  /** The weekly class is cancelled on its fourth Monday (always ahead of today, inside the window). */
  static final int EXCLUDED_WEEK = 3;

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String CRLF = "\r\n";
  private static final int MAX_LINE_OCTETS = 75;

  private final StringBuilder out = new StringBuilder(4096);
  private final LocalDate today;
  private final String stamp;

  private DemoCalendarData(Instant now) {
    today = now.atZone(STUDIO_ZONE).toLocalDate();
    stamp = LOCAL.format(today.atStartOfDay()) + "Z";
  }

  /** The feed as the demo serves it on the day {@code now} falls on (in Paris). */
  static String bookings(Instant now) {
    return new DemoCalendarData(now).write();
  }

  /** The Monday the weekly class started on: one to two weeks before today. */
  static LocalDate weeklyStart(LocalDate today) {
    return today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
  }

  private String write() {
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//wp-live-proxy//Demo bookings 1.0//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + text("Studio Lumière — bookings"));
    line("X-WR-TIMEZONE:Europe/Paris");

    LocalDate weekly = weeklyStart(today);
    begin(WEEKLY_UID, "Evening yoga (all levels)");
    line("DESCRIPTION:" + text("Vinyasa flow, 75 minutes.\nMats and blocks are provided; bring water."));
    line("LOCATION:" + text("Studio 1, 12 rue des Lilas, 75011 Paris"));
    line("DTSTART;TZID=Europe/Paris:" + LOCAL.format(weekly.atTime(18, 30)));
    line("DTEND;TZID=Europe/Paris:" + LOCAL.format(weekly.atTime(19, 45)));
    line("RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=" + WEEKLY_COUNT);
    line("EXDATE;TZID=Europe/Paris:" + LOCAL.format(weekly.plusWeeks(EXCLUDED_WEEK).atTime(18, 30)));
    line("STATUS:CONFIRMED");
    line("URL:https://studio.example.com/classes/evening-yoga");
    end();

    local("booking-2041@calendar.demo.wplive", "Private session — M. Dupont", today.plusDays(2), LocalTime.of(14, 0), 60, "CONFIRMED");
    local("booking-2042@calendar.demo.wplive", "Private session — Mme Laurent", today.plusDays(5), LocalTime.of(17, 0), 60, "CANCELLED");
    begin("workshop-breathing@calendar.demo.wplive", "Workshop: breathing basics");
    line("DESCRIPTION:" + text("A morning on pranayama for beginners, with a short theory part, guided "
        + "practice, and time for questions.\nBook early: 12 places."));
    line("LOCATION:" + text("Studio 2, 12 rue des Lilas, 75011 Paris"));
    line("DTSTART;TZID=Europe/Paris:" + LOCAL.format(today.plusDays(9).atTime(10, 0)));
    line("DTEND;TZID=Europe/Paris:" + LOCAL.format(today.plusDays(9).atTime(12, 30)));
    line("STATUS:CONFIRMED");
    line("URL:https://studio.example.com/workshops/breathing-basics");
    end();
    // booked by a teacher abroad: the booking system stores it in UTC with a DURATION
    begin("online-class-77@calendar.demo.wplive", "Online class (video call)");
    line("DTSTART:" + LOCAL.format(LocalDateTime.of(today.plusDays(12), LocalTime.of(7, 0))) + "Z");
    line("DURATION:PT45M");
    line("STATUS:TENTATIVE");
    end();
    local("booking-1987@calendar.demo.wplive", "Private session — M. Martin", today.minusDays(10), LocalTime.of(9, 0), 60, "CONFIRMED");

    allDay("closure-maintenance@calendar.demo.wplive", "Studio closed (floor maintenance)", today.plusDays(21), 1);
    allDay("retreat-fontainebleau@calendar.demo.wplive", "Two-day retreat in Fontainebleau", today.plusDays(40), 2);
    line("END:VCALENDAR");
    return out.toString();
  }

  private void local(String uid, String summary, LocalDate day, LocalTime start, int minutes, String status) {
    begin(uid, summary);
    line("LOCATION:" + text("Studio 1, 12 rue des Lilas, 75011 Paris"));
    line("DTSTART;TZID=Europe/Paris:" + LOCAL.format(day.atTime(start)));
    line("DTEND;TZID=Europe/Paris:" + LOCAL.format(day.atTime(start).plusMinutes(minutes)));
    line("STATUS:" + status);
    end();
  }

  private void allDay(String uid, String summary, LocalDate first, int days) {
    begin(uid, summary);
    line("DTSTART;VALUE=DATE:" + DATE.format(first));
    line("DTEND;VALUE=DATE:" + DATE.format(first.plusDays(days)));
    line("TRANSP:TRANSPARENT");
    end();
  }

  private void begin(String uid, String summary) {
    line("BEGIN:VEVENT");
    line("UID:" + uid);
    line("DTSTAMP:" + stamp);
    line("SUMMARY:" + text(summary));
  }

  private void end() {
    line("END:VEVENT");
  }

  /** One content line, folded at 75 octets as RFC 5545 §3.1 requires (never inside a UTF-8 character). */
  private void line(String content) {
    int octets = 0;
    int limit = MAX_LINE_OCTETS;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > limit) {
        out.append(CRLF).append(' ');
        octets = 0;
        limit = MAX_LINE_OCTETS - 1; // the leading space of a continuation line counts
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append(CRLF);
  }

  /** RFC 5545 TEXT escaping. */
  static String text(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n");
  }
}

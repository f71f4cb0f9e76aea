package io.wplive.proxy.normalize.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Expands one event into its occurrences inside a window, with ical4j's {@link Recur} doing the RRULE
 * arithmetic: DTSTART itself, RRULE and RDATE occurrences, minus EXDATEs and the occurrences that
 * RECURRENCE-ID events replace.
 */
final class RecurrenceExpander {
  /** More occurrences than this per event in one window is a feed error (or an attack); the rest is cut. */
  static final int MAX_OCCURRENCES = 5000;

  private static final DateTimeFormatter UTC_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  /** A date-only UNTIL in the rule of a timed event: invalid per RFC 5545, but common, and ical4j rejects it. */
  private static final Pattern DATE_ONLY_UNTIL = Pattern.compile("(?i)(UNTIL=\\d{8})(?=;|$)");
  /** Slack for wall clocks that are not yet placed in their zone (at most ±18 h apart from UTC). */
  private static final Duration WALL_CLOCK_SLACK = Duration.ofDays(1);

  private final Instant windowStart;
  private final Instant windowEnd;
  private final List<String> problems;

  RecurrenceExpander(Instant windowStart, Instant windowEnd, List<String> problems) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.problems = problems;
  }

  /**
   * @param replaced occurrences that RECURRENCE-ID events of the same UID stand in for
   */
  List<Occurrence> expand(EventSource e, Exclusions replaced) {
    Exclusions skip = new Exclusions();
    skip.addAll(e.exclusions);
    skip.addAll(replaced);
    // an event that replaces one occurrence is that one occurrence: its own rules do not apply
    boolean recurring = !e.isOverride();
    return e.start.allDay() ? allDay(e, skip, recurring) : timed(e, skip, recurring);
  }

  /** A start on its wall clock, with the zone that places it (RDATEs may name another zone than DTSTART). */
  private record Start(ZonedDateTime wallClock, EventZone zone) {
  }

  private List<Occurrence> timed(EventSource e, Exclusions skip, boolean recurring) {
    EventZone zone = e.start.zone();
    Map<Instant, Start> starts = new TreeMap<>();
    starts.put(e.start.instant(), new Start(e.start.seed(), zone));
    if (recurring) {
      ZonedDateTime seed = e.start.seed();
      ZoneId z = seed.getZone();
      ZonedDateTime from = windowStart.minus(e.length.atMost()).minus(WALL_CLOCK_SLACK).atZone(z);
      ZonedDateTime to = windowEnd.plus(WALL_CLOCK_SLACK).atZone(z);
      for (String rule : e.rules) {
        // the last day counts in full, as the feed's author meant
        String fixed = DATE_ONLY_UNTIL.matcher(rule).replaceFirst("$1T235959Z");
        for (ZonedDateTime d : this.<ZonedDateTime>datesOf(e, fixed, seed, from, to)) {
          starts.put(zone.toInstant(d), new Start(d, zone));
        }
      }
      for (IcalTime extra : e.extraDates) {
        if (extra.allDay()) {
          // a DATE in the RDATE of a timed event: that day at DTSTART's time of day
          ZonedDateTime d = zone.seed(extra.date().atTime(e.start.wallClock().toLocalTime()));
          starts.put(zone.toInstant(d), new Start(d, zone));
        } else {
          starts.put(extra.instant(), new Start(extra.seed(), extra.zone()));
        }
      }
    }
    List<Occurrence> out = new ArrayList<>();
    for (Map.Entry<Instant, Start> s : starts.entrySet()) {
      Instant start = s.getKey();
      Start st = s.getValue();
      if (skip.excludesTimed(start, st.wallClock().toLocalDate())) {
        continue;
      }
      Instant end = e.length.endOf(st.wallClock(), st.zone());
      if (overlapsWindow(start, end)) {
        out.add(new Occurrence(e, start, UTC_SECONDS.format(start), UTC_SECONDS.format(end), false));
      }
    }
    return out;
  }

  private List<Occurrence> allDay(EventSource e, Exclusions skip, boolean recurring) {
    LocalDate seed = e.start.date();
    TreeSet<LocalDate> starts = new TreeSet<>();
    starts.add(seed);
    if (recurring) {
      LocalDate from = LocalDate.ofInstant(windowStart.minus(e.length.atMost()), ZoneOffset.UTC).minusDays(1);
      LocalDate to = LocalDate.ofInstant(windowEnd, ZoneOffset.UTC).plusDays(1);
      for (String rule : e.rules) {
        starts.addAll(this.<LocalDate>datesOf(e, rule, seed, from, to));
      }
      for (IcalTime extra : e.extraDates) {
        starts.add(extra.localDate());
      }
    }
    List<Occurrence> out = new ArrayList<>();
    for (LocalDate day : starts) {
      if (skip.excludesDay(day)) {
        continue;
      }
      LocalDate endDay = e.length.endOf(day);
      Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant end = endDay.atStartOfDay(ZoneOffset.UTC).toInstant();
      if (overlapsWindow(start, end)) {
        out.add(new Occurrence(e, start, day.toString(), endDay.toString(), true));
      }
    }
    return out;
  }

  /** The rule's dates between {@code from} and {@code to}; none (and a problem noted) when unusable. */
  private <T extends java.time.temporal.Temporal> List<T> datesOf(EventSource e, String rule, T seed, T from, T to) {
    try {
      Recur<T> recur = new Recur<>(rule);
      if (recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY) {
        // expanding these from a DTSTART years back takes seconds of CPU; no calendar a site shows needs them
        problems.add("event " + e.number + ": a " + recur.getFrequency() + " RRULE is not expanded");
        return List.of();
      }
      List<T> dates = recur.getDates(seed, from, to, MAX_OCCURRENCES + 1);
      if (dates.size() > MAX_OCCURRENCES) {
        problems.add("event " + e.number + ": more than " + MAX_OCCURRENCES + " occurrences in the window; the rest were cut");
        return dates.subList(0, MAX_OCCURRENCES);
      }
      return dates;
    } catch (RuntimeException ex) {
      problems.add("event " + e.number + ": an RRULE is unreadable and was ignored");
      return List.of();
    }
  }

  /** An occurrence is shown when any part of it falls inside the window; an instant one when it starts there. */
  private boolean overlapsWindow(Instant start, Instant end) {
    if (!start.isBefore(windowEnd)) {
      return false;
    }
    if (end.isAfter(start)) {
      return end.isAfter(windowStart);
    }
    return !start.isBefore(windowStart);
  }
}

package io.wplive.proxy.normalize.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * Occurrences that must not be produced from the rule: EXDATEs, and the originals of occurrences that
 * a RECURRENCE-ID event replaces. Date-times match by instant (so an EXDATE in UTC removes an occurrence
 * written with a TZID); DATE values match every occurrence on that wall-clock day.
 */
final class Exclusions {
  private final Set<Instant> instants = new HashSet<>();
  private final Set<LocalDate> days = new HashSet<>();
  private final Set<LocalDate> daysOfTimes = new HashSet<>();

  void add(IcalTime t) {
    if (t.allDay()) {
      days.add(t.date());
    } else {
      instants.add(t.instant());
      daysOfTimes.add(t.localDate());
    }
  }

  void addAll(Exclusions other) {
    instants.addAll(other.instants);
    days.addAll(other.days);
    daysOfTimes.addAll(other.daysOfTimes);
  }

  boolean excludesTimed(Instant start, LocalDate wallClockDay) {
    return instants.contains(start) || days.contains(wallClockDay);
  }

  boolean excludesDay(LocalDate day) {
    return days.contains(day) || daysOfTimes.contains(day);
  }
}

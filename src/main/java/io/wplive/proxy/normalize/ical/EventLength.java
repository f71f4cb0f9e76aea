package io.wplive.proxy.normalize.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each occurrence lasts: whole days on the wall clock (so a "P1D" event keeps its local end
 * time across a DST change, as RFC 5545 says) plus an exact duration.
 */
record EventLength(long days, Duration exact) {
  static final EventLength NONE = new EventLength(0, Duration.ZERO);
  static final EventLength ONE_DAY = new EventLength(1, Duration.ZERO);

  private static final Pattern RFC5545_DURATION =
      Pattern.compile("([+-])?P(?:(\\d{1,9})W)?(?:(\\d{1,9})D)?(?:T(?:(\\d{1,9})H)?(?:(\\d{1,9})M)?(?:(\\d{1,9})S)?)?");

  /** The end of a timed occurrence that starts at {@code start} (a value from {@link EventZone#seed}). */
  Instant endOf(ZonedDateTime start, EventZone zone) {
    return zone.toInstant(start.plusDays(days)).plus(exact);
  }

  /** The exclusive end date of an all-day occurrence: at least the next day. */
  LocalDate endOf(LocalDate start) {
    long d = days + exact.toDays();
    return start.plusDays(Math.max(1, d));
  }

  /** An upper bound of the length, to widen the expansion window by. */
  Duration atMost() {
    return Duration.ofDays(days + 1).plus(exact);
  }

  /** An RFC 5545 DURATION value; a negative or unreadable one is no length at all. */
  static EventLength parse(String value) {
    Matcher m = RFC5545_DURATION.matcher(value.trim());
    if (!m.matches() || "-".equals(m.group(1))) {
      return NONE;
    }
    long days = num(m.group(2)) * 7 + num(m.group(3));
    Duration exact = Duration.ofHours(num(m.group(4))).plusMinutes(num(m.group(5))).plusSeconds(num(m.group(6)));
    return new EventLength(days, exact);
  }

  private static long num(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}

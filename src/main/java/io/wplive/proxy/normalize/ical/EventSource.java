package io.wplive.proxy.normalize.ical;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** One VEVENT as read from the feed, before expansion. */
final class EventSource {
  final int number;
  final String uid;
  final String summary;
  final String description;
  final String location;
  final String status;
  final String url;
  final IcalTime start;
  final EventLength length;
  final IcalTime recurrenceId;
  final List<String> rules = new ArrayList<>();
  final List<IcalTime> extraDates = new ArrayList<>();
  final Exclusions exclusions = new Exclusions();

  /**
   * @param number the event's 1-based position in the feed, for messages
   * @throws RuntimeException when DTSTART is missing or unreadable: the event cannot be placed
   */
  EventSource(int number, RawComponent vevent, ZoneResolver zones, List<String> problems) {
    this.number = number;
    RawProperty dtstart = vevent.first("DTSTART");
    if (dtstart == null) {
      throw new IllegalArgumentException("no DTSTART");
    }
    start = IcalTime.of(dtstart, zones);
    uid = vevent.value("UID");
    summary = IcalText.unescape(vevent.value("SUMMARY"));
    description = IcalText.unescape(vevent.value("DESCRIPTION"));
    location = IcalText.unescape(vevent.value("LOCATION"));
    status = vevent.value("STATUS");
    url = vevent.value("URL");
    length = lengthOf(vevent, zones, problems);
    RawProperty rid = vevent.first("RECURRENCE-ID");
    recurrenceId = rid == null ? null : readOrNull(rid, zones, problems, "RECURRENCE-ID");
    for (RawProperty p : vevent.all("RRULE")) {
      rules.add(p.value());
    }
    for (RawProperty p : vevent.all("RDATE")) {
      try {
        extraDates.addAll(IcalTime.listOf(p, zones));
      } catch (RuntimeException e) {
        problems.add("event " + number + ": an RDATE is unreadable and was ignored");
      }
    }
    for (RawProperty p : vevent.all("EXDATE")) {
      try {
        IcalTime.listOf(p, zones).forEach(exclusions::add);
      } catch (RuntimeException e) {
        problems.add("event " + number + ": an EXDATE is unreadable and was ignored");
      }
    }
  }

  private IcalTime readOrNull(RawProperty p, ZoneResolver zones, List<String> problems, String what) {
    try {
      return IcalTime.of(p, zones);
    } catch (RuntimeException e) {
      problems.add("event " + number + ": its " + what + " is unreadable and was ignored");
      return null;
    }
  }

  /** DTEND, else DURATION, else RFC 5545's defaults: one day for all-day events, no length otherwise. */
  private EventLength lengthOf(RawComponent vevent, ZoneResolver zones, List<String> problems) {
    RawProperty dtend = vevent.first("DTEND");
    if (dtend != null) {
      IcalTime end = readOrNull(dtend, zones, problems, "DTEND");
      if (end != null) {
        if (start.allDay()) {
          return new EventLength(Math.max(1, ChronoUnit.DAYS.between(start.date(), end.localDate())), Duration.ZERO);
        }
        Duration d = Duration.between(start.instant(), end.instant());
        return d.isNegative() ? EventLength.NONE : new EventLength(0, d);
      }
    }
    String duration = vevent.value("DURATION");
    if (duration != null) {
      return EventLength.parse(duration);
    }
    return start.allDay() ? EventLength.ONE_DAY : EventLength.NONE;
  }

  boolean isOverride() {
    return recurrenceId != null;
  }
}

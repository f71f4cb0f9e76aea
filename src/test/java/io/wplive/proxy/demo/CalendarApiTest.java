package io.wplive.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wplive.proxy.normalize.ical.IcalEventReader;
import io.wplive.proxy.normalize.ical.IcalEvents;
import io.wplive.proxy.support.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iCalendar booking feed: served as {@code text/calendar}, valid RFC 5545 text, and dated around
 * the demo clock so that the proxy's default window (-1d..90d) always holds every kind of event.
 */
@Timeout(30)
class CalendarApiTest {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Test
  void servedAsTextCalendarAfterTheAdvertisedLatency() {
    try (DemoHarness demo = DemoHarness.start(Clock.systemUTC())) {
      HttpResult r = demo.http().get("/calendar/bookings.ics");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type")).isEqualTo("text/calendar; charset=utf-8");
      assertThat(r.text()).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
      assertThat(r.millis()).isGreaterThanOrEqualTo(100);
      assertThat(demo.http().get("/calendar/other.ics").status()).isEqualTo(404);
    }
  }

  @Test
  void feedIsValidContentLinesWithATzidButNoVtimezone() {
    String ics = DemoCalendarData.bookings(Instant.parse("2026-11-30T06:00:00Z"));
    assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
    assertThat(ics).contains("DTSTART;TZID=Europe/Paris:", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20",
        "EXDATE;TZID=Europe/Paris:", "DTSTART;VALUE=DATE:", "DURATION:PT45M", "STATUS:CANCELLED")
        .doesNotContain("VTIMEZONE");
    // a long DESCRIPTION is folded, and the fold is a CRLF followed by one space
    assertThat(ics).containsPattern("DESCRIPTION:[^\r]{60,}\r\n [^ ]");
    List<String> uids = ics.lines().filter(l -> l.startsWith("UID:")).toList();
    assertThat(uids).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void theFeedIsTheSameAllDayAndMovesWithTheDate() {
    String morning = DemoCalendarData.bookings(Instant.parse("2026-11-30T06:00:00Z"));
    String evening = DemoCalendarData.bookings(Instant.parse("2026-11-30T22:59:00Z")); // 23:59 in Paris
    String nextDay = DemoCalendarData.bookings(Instant.parse("2026-11-30T23:01:00Z")); // 00:01 in Paris
    assertThat(evening).isEqualTo(morning);
    assertThat(nextDay).isNotEqualTo(morning);
  }

  /** Clocks on different weekdays, either side of both DST changes and across a new year. */
  @ParameterizedTest
  @ValueSource(strings = {"2026-11-30T06:00:00Z", "2027-03-26T09:00:00Z", "2027-03-29T17:00:00Z",
      "2027-10-31T23:30:00Z", "2026-12-31T22:59:00Z", "2027-01-01T00:30:00Z", "2027-06-13T12:00:00Z"})
  void theDefaultWindowAlwaysHoldsTheWeeklyClassOneOffsAndAllDayEvents(String clock) {
    Instant now = Instant.parse(clock);
    LocalDate today = now.atZone(DemoCalendarData.STUDIO_ZONE).toLocalDate();
    IcalEvents read = readThroughTheProxysReader(now);
    assertThat(read.problems()).isEmpty();
    List<JsonNode> events = StreamSupport.stream(read.events().spliterator(), false).toList();

    assertThat(startsOf(events, DemoCalendarData.WEEKLY_UID)).isEqualTo(expectedWeeklyStarts(now));
    assertThat(startsOf(events, DemoCalendarData.WEEKLY_UID)).hasSizeGreaterThanOrEqualTo(12);

    assertThat(startsOf(events, "booking-2041@calendar.demo.wplive")).hasSize(1);
    assertThat(one(events, "booking-2042@calendar.demo.wplive").get("status").asText()).isEqualTo("CANCELLED");
    JsonNode workshop = one(events, "workshop-breathing@calendar.demo.wplive");
    assertThat(workshop.get("description").asText()).contains("beginners, with").endsWith("Book early: 12 places.");
    assertThat(workshop.get("location").asText()).isEqualTo("Studio 2, 12 rue des Lilas, 75011 Paris");
    JsonNode online = one(events, "online-class-77@calendar.demo.wplive");
    assertThat(online.get("start").asText()).isEqualTo(today.plusDays(12) + "T07:00:00Z");
    assertThat(online.get("end").asText()).isEqualTo(today.plusDays(12) + "T07:45:00Z");
    assertThat(startsOf(events, "booking-1987@calendar.demo.wplive")).as("ten days ago is outside the window").isEmpty();

    JsonNode closure = one(events, "closure-maintenance@calendar.demo.wplive");
    assertThat(closure.get("allDay").asBoolean()).isTrue();
    assertThat(closure.get("start").asText()).isEqualTo(today.plusDays(21).toString());
    assertThat(closure.get("end").asText()).isEqualTo(today.plusDays(22).toString());
    JsonNode retreat = one(events, "retreat-fontainebleau@calendar.demo.wplive");
    assertThat(retreat.get("end").asText()).isEqualTo(today.plusDays(42).toString());
    assertThat(one(events, "booking-2041@calendar.demo.wplive").get("summary").asText()).isEqualTo("Private session — M. Dupont");
  }

  private static IcalEvents readThroughTheProxysReader(Instant now) {
    try {
      return new IcalEventReader(Duration.ofDays(-1), Duration.ofDays(90)).read(DemoCalendarData.bookings(now), now);
    } catch (Exception e) {
      throw new AssertionError("the demo feed does not parse", e);
    }
  }

  /** Mondays 18:30 Paris time from the series start, twenty of them minus the EXDATE, that meet the window. */
  private static List<String> expectedWeeklyStarts(Instant now) {
    LocalDate first = DemoCalendarData.weeklyStart(now.atZone(DemoCalendarData.STUDIO_ZONE).toLocalDate());
    assertThat(first.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < DemoCalendarData.WEEKLY_COUNT; k++) {
      ZonedDateTime start = first.plusWeeks(k).atTime(18, 30).atZone(DemoCalendarData.STUDIO_ZONE);
      Instant end = start.plusMinutes(75).toInstant();
      boolean inWindow = end.isAfter(now.minus(Duration.ofDays(1))) && start.toInstant().isBefore(now.plus(Duration.ofDays(90)));
      if (k == DemoCalendarData.EXCLUDED_WEEK) {
        assertThat(inWindow).as("the EXDATE falls inside the window, where leaving it out shows").isTrue();
      } else if (inWindow) {
        out.add(UTC.format(start));
      }
    }
    return out;
  }

  private static List<String> startsOf(List<JsonNode> events, String uid) {
    return events.stream().filter(e -> uid.equals(e.get("uid").asText())).map(e -> e.get("start").asText()).toList();
  }

  private static JsonNode one(List<JsonNode> events, String uid) {
    List<JsonNode> found = events.stream().filter(e -> uid.equals(e.get("uid").asText())).toList();
    assertThat(found).as(uid).hasSize(1);
    return found.get(0);
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * iCalendar feeds: recurrences expanded inside the window, EXDATEs and RECURRENCE-IDs honoured, TZIDs
 * converted to UTC across DST changes, all-day events with date-only exclusive ends.
 */
class IcalExpansionTest {
  private static final String WINDOW = "{\"format\": \"ical\", \"ical\": {\"from\": \"-7d\", \"to\": \"30d\"}}";

  @Test
  void expandsWeeklyRulesAcrossDstWithExdateOverrideAndAllDayEvents() {
    GoldenCase.check("ical/weekly-paris-and-new-york");
  }

  @Test
  void outlookZoneKnownOnlyFromItsVtimezoneGivesTheSameTimesAsParis() {
    String ics = calendar(
        "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
        "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT", "UID:w", "DTSTART;TZID=\"W. Europe Standard Time\":20250303T100000",
        "DTEND;TZID=\"W. Europe Standard Time\":20250303T110000", "RRULE:FREQ=WEEKLY;UNTIL=20250407T235959Z",
        "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-10T09:00:00Z", "2025-03-17T09:00:00Z", "2025-03-24T09:00:00Z",
        "2025-03-31T08:00:00Z", "2025-04-07T08:00:00Z");
    assertThat(out.warnings()).isZero();
  }

  @Test
  void prefixedTzidsResolveToTheirIanaZone() {
    String ics = calendar("BEGIN:VEVENT", "UID:m",
        "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20250316T090000", "END:VEVENT");

    assertThat(starts(normalize(WINDOW, ics))).containsExactly("2025-03-16T13:00:00Z");
  }

  @Test
  void anUnknownZoneIsReadAsUtcWithAWarning() {
    String ics = calendar("BEGIN:VEVENT", "UID:u", "DTSTART;TZID=Mars/Olympus_Mons:20250316T090000", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-16T09:00:00Z");
    assertThat(out.warnings()).isEqualTo(1);
    assertThat(out.warningMessages()).containsExactly(
        "route cal: time zone \"Mars/Olympus_Mons\" is unknown; its times are read as UTC");
  }

  @Test
  void aTzidThatCouldCarryMarkupIsDescribedNotQuoted() {
    String ics = calendar("BEGIN:VEVENT", "UID:u", "DTSTART;TZID=<b>\u001b[31m:20250316T090000", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(out.warningMessages()).containsExactly(
        "route cal: a time zone with an unprintable TZID is unknown; its times are read as UTC");
  }

  @Test
  void floatingTimesUseTheCalendarsXWrTimezone() {
    String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:America/New_York\r\n"
        + "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20250316T090000\r\nDTEND:20250316T100000\r\nEND:VEVENT\r\n"
        + "END:VCALENDAR\r\n";

    JsonNode e = events(normalize(WINDOW, ics)).get(0);

    assertThat(e.get("start").asText()).isEqualTo("2025-03-16T13:00:00Z");
    assertThat(e.get("end").asText()).isEqualTo("2025-03-16T14:00:00Z");
  }

  @Test
  void floatingTimesWithoutACalendarZoneAreUtc() {
    String ics = calendar("BEGIN:VEVENT", "UID:f", "DTSTART:20250316T090000", "END:VEVENT");

    assertThat(starts(normalize(WINDOW, ics))).containsExactly("2025-03-16T09:00:00Z");
  }

  @Test
  void aDateOnlyUntilOnATimedRuleIncludesItsLastDay() {
    String ics = calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20250310T100000Z", "RRULE:FREQ=WEEKLY;UNTIL=20250324",
        "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-10T10:00:00Z", "2025-03-17T10:00:00Z", "2025-03-24T10:00:00Z");
    assertThat(out.warnings()).isZero();
  }

  @Test
  void aDateTimeUntilOnAnAllDayRuleIsAccepted() {
    String ics = calendar("BEGIN:VEVENT", "UID:x", "DTSTART;VALUE=DATE:20250310",
        "RRULE:FREQ=WEEKLY;UNTIL=20250325T000000Z", "END:VEVENT");

    assertThat(starts(normalize(WINDOW, ics))).containsExactly("2025-03-10", "2025-03-17", "2025-03-24");
  }

  @Test
  void anUnreadableRuleKeepsTheFirstOccurrenceWithAWarning() {
    String ics = calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20250310T100000Z", "RRULE:FREQ=FORTNIGHTLY", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-10T10:00:00Z");
    assertThat(out.warningMessages()).containsExactly("route cal: event 1: an RRULE is unreadable and was ignored");
  }

  @Test
  void anExdateWrittenInUtcRemovesTheOccurrenceWrittenWithATzid() {
    String ics = calendar("BEGIN:VEVENT", "UID:x", "DTSTART;TZID=Europe/Paris:20250310T100000",
        "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20250311T090000Z", "END:VEVENT");

    assertThat(starts(normalize(WINDOW, ics))).containsExactly("2025-03-10T09:00:00Z", "2025-03-12T09:00:00Z");
  }

  @Test
  void severalExdatesOnOneLineAndRdatesAreHonoured() {
    String ics = calendar("BEGIN:VEVENT", "UID:x", "DTSTART:20250310T120000Z", "DURATION:PT30M",
        "RRULE:FREQ=DAILY;COUNT=5", "EXDATE:20250311T120000Z,20250313T120000Z", "RDATE:20250320T080000Z", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-10T12:00:00Z", "2025-03-12T12:00:00Z", "2025-03-14T12:00:00Z",
        "2025-03-20T08:00:00Z");
    assertThat(events(out).get(3).get("end").asText()).isEqualTo("2025-03-20T08:30:00Z");
  }

  @Test
  void allDayRecurrencesKeepDateOnlyExclusiveEndsAndDateExdates() {
    String ics = calendar("BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20250310", "DTEND;VALUE=DATE:20250312",
        "RRULE:FREQ=WEEKLY;UNTIL=20250401", "EXDATE;VALUE=DATE:20250317", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    List<JsonNode> events = events(out);
    assertThat(starts(out)).containsExactly("2025-03-10", "2025-03-24", "2025-03-31");
    assertThat(events).allSatisfy(e -> assertThat(e.get("allDay").asBoolean()).isTrue());
    assertThat(events.get(0).get("end").asText()).isEqualTo("2025-03-12");
  }

  @Test
  void anAllDayEventWithoutAnEndLastsOneDay() {
    String ics = calendar("BEGIN:VEVENT", "UID:d", "DTSTART;VALUE=DATE:20250401", "END:VEVENT");

    JsonNode e = events(normalize(WINDOW, ics)).get(0);

    assertThat(e.get("start").asText()).isEqualTo("2025-04-01");
    assertThat(e.get("end").asText()).isEqualTo("2025-04-02");
  }

  @Test
  void anEventStillRunningAtTheWindowStartIsShownAndOnesOutsideAreNot() {
    // the window is 2025-03-08T09:30Z .. 2025-04-14T09:30Z
    String ics = calendar(
        "BEGIN:VEVENT", "UID:running", "DTSTART:20250308T080000Z", "DTEND:20250308T100000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:ended", "DTSTART:20250308T080000Z", "DTEND:20250308T093000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:too-late", "DTSTART:20250414T093000Z", "DTEND:20250414T100000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:last-minute", "DTSTART:20250414T092900Z", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(events(out)).extracting(e -> e.get("uid").asText()).containsExactly("running", "last-minute");
  }

  @Test
  void anUnboundedDailyRuleFromYearsAgoOnlyYieldsTheWindow() {
    String ics = calendar("BEGIN:VEVENT", "UID:daily", "DTSTART;TZID=Europe/Paris:20150101T073000",
        "RRULE:FREQ=DAILY", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    // 2025-03-09 .. 2025-04-14 inclusive; 07:30 Paris is 06:30Z before 30 March and 05:30Z after
    assertThat(starts(out)).hasSize(37).first().isEqualTo("2025-03-09T06:30:00Z");
    assertThat(starts(out)).last().isEqualTo("2025-04-14T05:30:00Z");
  }

  @Test
  void minutelyRulesAreNotExpandedButTheEventStays() {
    String ics = calendar("BEGIN:VEVENT", "UID:m", "DTSTART:20250316T090000Z", "RRULE:FREQ=MINUTELY", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(starts(out)).containsExactly("2025-03-16T09:00:00Z");
    assertThat(out.warnings()).isEqualTo(1);
  }

  @Test
  void eventsWithoutAStartAreSkippedWithAWarning() {
    String ics = calendar("BEGIN:VEVENT", "UID:nostart", "SUMMARY:?", "END:VEVENT",
        "BEGIN:VEVENT", "UID:ok", "DTSTART:20250316T090000Z", "END:VEVENT");

    NormalizedBody out = normalize(WINDOW, ics);

    assertThat(events(out)).extracting(e -> e.get("uid").asText()).containsExactly("ok");
    assertThat(out.warningMessages()).containsExactly("route cal: event 1: no readable DTSTART; skipped");
  }

  @Test
  void theDefaultWindowIsOneDayBackToNinetyDaysAhead() {
    String ics = calendar(
        "BEGIN:VEVENT", "UID:two-days-ago", "DTSTART:20250313T090000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:yesterday", "DTSTART:20250314T120000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:in-89-days", "DTSTART:20250612T090000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:in-91-days", "DTSTART:20250614T090000Z", "END:VEVENT");

    NormalizedBody out = normalize("{}", ics);

    assertThat(events(out)).extracting(e -> e.get("uid").asText()).containsExactly("yesterday", "in-89-days");
  }

  @Test
  void fieldsAndTransformApplyToTheEventList() {
    String ics = calendar("BEGIN:VEVENT", "UID:e1", "SUMMARY:Open house", "DTSTART:20250316T090000Z", "END:VEVENT",
        "BEGIN:VEVENT", "UID:e2", "SUMMARY:Closing", "STATUS:CANCELLED", "DTSTART:20250317T090000Z", "END:VEVENT");
    String options = "{\"transform\": \"[for (.) . if (.status != \\\"CANCELLED\\\")]\","
        + " \"fields\": {\"title\": \"/summary\", \"when\": {\"from\": \"/start\", \"type\": \"datetime\"}}}";

    NormalizedBody out = normalize(options, ics);

    assertThat(Fixtures.parse(out.json()).get("data").toString())
        .isEqualTo("[{\"title\":\"Open house\",\"when\":\"2025-03-16T09:00:00Z\"}]");
  }

  @Test
  void aByteOrderMarkAndBareLineFeedsAreAccepted() {
    String ics = "\uFEFF" + calendar("BEGIN:VEVENT", "UID:b", "DTSTART:20250316T090000Z", "END:VEVENT").replace("\r\n", "\n");

    assertThat(starts(normalize(WINDOW, ics))).containsExactly("2025-03-16T09:00:00Z");
  }

  @Test
  void aBodyThatIsNotICalendarIsANormalizeException() {
    Normalizer n = Fixtures.normalizer("cal", "{\"format\": \"ical\"}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8("BEGIN:VCALENDAR\r\nthis is secret-token-123\r\n"), null,
        Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessageStartingWith("route cal: the body is not valid iCalendar")
        .hasMessageNotContaining("secret-token-123");
  }

  private static NormalizedBody normalize(String options, String ics) {
    Normalizer n = Fixtures.normalizer("cal", options, Fixtures.NOW);
    return n.normalize(Fixtures.utf8(ics), "text/calendar", Fixtures.noHeaders(), null);
  }

  private static String calendar(String... lines) {
    StringBuilder sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (String l : lines) {
      sb.append(l).append("\r\n");
    }
    return sb.append("END:VCALENDAR\r\n").toString();
  }

  private static List<JsonNode> events(NormalizedBody out) {
    List<JsonNode> list = new ArrayList<>();
    Fixtures.parse(out.json()).get("data").forEach(list::add);
    return list;
  }

  private static List<String> starts(NormalizedBody out) {
    return events(out).stream().map(e -> e.get("start").asText()).toList();
  }
}

package io.wplive.proxy.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP-date (RFC 9110 §5.6.7): IMF-fixdate out, IMF-fixdate and the two obsolete forms in. */
public final class HttpDates {
  private static final DateTimeFormatter IMF = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final DateTimeFormatter IMF_OUT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC850 = new java.time.format.DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(java.time.temporal.ChronoField.YEAR, 2, 2, java.time.LocalDate.now(ZoneOffset.UTC).minusYears(49))
      .appendPattern(" HH:mm:ss zzz").toFormatter(Locale.US);
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {
  }

  /** @return epoch ms, or {@code Long.MIN_VALUE} when {@code value} is not an HTTP-date */
  public static long parse(String value) {
    if (value == null) {
      return Long.MIN_VALUE;
    }
    String v = value.trim();
    for (DateTimeFormatter f : new DateTimeFormatter[] {IMF, RFC850, ASCTIME}) {
      try {
        return ZonedDateTime.parse(v, f).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Long.MIN_VALUE;
  }

  public static String format(long epochMillis) {
    return IMF_OUT.format(Instant.ofEpochMilli(epochMillis));
  }
}

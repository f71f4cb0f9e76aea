package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the date-time shapes upstreams actually send and writes the one shape the envelope uses,
 * {@code YYYY-MM-DDTHH:MM:SSZ} in UTC.
 */
final class DateTimeValues {
  /** Second-precision UTC, the envelope's only date-time shape. */
  static final DateTimeFormatter UTC_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Epoch numbers at or above this are milliseconds: 10^11 seconds is the year 5138, while 10^11
   * milliseconds is March 1973, so no realistic value is ambiguous.
   */
  private static final BigDecimal MILLIS_THRESHOLD = BigDecimal.valueOf(100_000_000_000L);

  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,16}(\\.\\d{1,9})?");
  /** MySQL / WooCommerce style "2024-05-01 10:00:00": a space where ISO has a T. */
  private static final Pattern SPACE_SEPARATOR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:)");
  /** "+0200" and "+02" offsets, which ISO_OFFSET_DATE_TIME does not take. */
  private static final Pattern COMPACT_OFFSET = Pattern.compile("(T[\\d:.,]+)([+-]\\d{2})(\\d{2})?$");

  private static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

  private DateTimeValues() {
  }

  static String format(Instant instant) {
    return UTC_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The instant {@code value} names, or empty when it is not a date-time we understand. */
  static Optional<Instant> parse(JsonNode value) {
    Instant t;
    if (value.isNumber()) {
      t = epoch(value.decimalValue());
    } else if (value.isTextual()) {
      t = parseText(value.textValue().trim());
    } else {
      t = null;
    }
    if (t == null || t.isBefore(MIN) || t.isAfter(MAX)) {
      return Optional.empty();
    }
    return Optional.of(t);
  }

  private static Instant parseText(String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (EPOCH.matcher(s).matches()) {
      return epoch(new BigDecimal(s));
    }
    String iso = SPACE_SEPARATOR.matcher(s).replaceFirst("$1T$2");
    var compact = COMPACT_OFFSET.matcher(iso);
    if (compact.find()) {
      String minutes = compact.group(3) == null ? "00" : compact.group(3);
      iso = iso.substring(0, compact.start()) + compact.group(1) + compact.group(2) + ":" + minutes;
    }
    try {
      return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      // not an offset date-time; try the next shape
    }
    try {
      // "2024-05-01T10:00:00+02:00[Europe/Paris]"
      return ZonedDateTime.parse(iso, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      // next shape
    }
    try {
      // no offset: the upstream means UTC as far as we can know
      return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      // next shape
    }
    try {
      return LocalDate.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException e) {
      // next shape
    }
    try {
      // HTTP dates: "Tue, 3 Jun 2008 11:05:30 GMT"
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Instant epoch(BigDecimal n) {
    BigDecimal seconds = n.abs().compareTo(MILLIS_THRESHOLD) >= 0 ? n.movePointLeft(3) : n;
    // beyond this the year leaves 0000..9999 anyway; the check keeps longValueExact safe
    if (seconds.abs().compareTo(BigDecimal.valueOf(400_000_000_000L)) > 0) {
      return null;
    }
    long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
    return Instant.ofEpochSecond(whole);
  }
}

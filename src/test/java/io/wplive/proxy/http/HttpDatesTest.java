package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §5.6.7 HTTP-date: IMF-fixdate out; IMF-fixdate, rfc850-date and asctime-date in. */
class HttpDatesTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      // the three examples of RFC 9110 §5.6.7
      "Sun, 06 Nov 1994 08:49:37 GMT|784111777000",
      "Sunday, 06-Nov-94 08:49:37 GMT|784111777000",
      "Sun Nov  6 08:49:37 1994|784111777000",
      "Tue, 14 Nov 2023 22:13:20 GMT|1700000000000",
      "Tuesday, 14-Nov-23 22:13:20 GMT|1700000000000",
      "Tue Nov 14 22:13:20 2023|1700000000000",
      "Thu, 01 Jan 1970 00:00:00 GMT|0",
      "'  Tue, 14 Nov 2023 22:13:20 GMT  '|1700000000000",
  })
  void parses(String value, long epochMillis) {
    assertThat(HttpDates.parse(value)).isEqualTo(epochMillis);
  }

  @ParameterizedTest(name = "not a date: \"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"0", "-1", "yesterday", "1700000000", "2023-11-14T22:13:20Z", "Tue, 14 Nov 2023",
      "Tue, 14 Nov 2023 25:13:20 GMT", "Tue, 32 Nov 2023 22:13:20 GMT", "Tue, 14 Foo 2023 22:13:20 GMT"})
  void rejects(String value) {
    assertThat(HttpDates.parse(value)).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource(delimiter = '|', value = {
      "784111777000|Sun, 06 Nov 1994 08:49:37 GMT",
      "1700000000000|Tue, 14 Nov 2023 22:13:20 GMT",
      "0|Thu, 01 Jan 1970 00:00:00 GMT",
      "1700000000999|Tue, 14 Nov 2023 22:13:20 GMT",
  })
  void formatsImfFixdate(long epochMillis, String text) {
    assertThat(HttpDates.format(epochMillis)).isEqualTo(text);
  }

  static Stream<Long> everyDayOfAMonth() {
    return IntStream.rangeClosed(1, 31).mapToObj(d -> LocalDate.of(2025, 1, d).atTime(9, 5, 7).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /** IMF-fixdate is fixed-length: a two-digit day, always 29 characters. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("everyDayOfAMonth")
  void formatIsFixedLengthAndParsesBack(long epochMillis) {
    String s = HttpDates.format(epochMillis);
    assertThat(s).hasSize(29).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    assertThat(HttpDates.parse(s)).isEqualTo(epochMillis);
  }
}

package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4: Retry-After in seconds or as an HTTP-date, capped at 1h, at least 1s. */
class RetryAfterTest {
  static final long NOW = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
  static final long FALLBACK = 7;

  @ParameterizedTest(name = "\"{0}\" → {1}s")
  @CsvSource(delimiter = '|', value = {
      "120|120",
      "1|1",
      "0|1",
      "3600|3600",
      "3601|3600",
      "86400|3600",
      "999999999|3600",
      "99999999999999999999999|3600",
      "' 30 '|30",
      "007|7",
      // HTTP-dates, relative to NOW
      "Tue, 14 Nov 2023 22:14:50 GMT|90",
      "Tue, 14 Nov 2023 22:13:21 GMT|1",
      "Tue, 14 Nov 2023 22:13:20 GMT|1",
      "Tue, 14 Nov 2023 21:13:20 GMT|1",
      "Wed, 15 Nov 2023 00:13:20 GMT|3600",
      "Tue Nov 14 22:15:20 2023|120",
  })
  void seconds(String value, long expected) {
    assertThat(RetryAfter.seconds(value, NOW, FALLBACK)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "garbage \"{0}\" → fallback")
  @NullAndEmptySource
  @ValueSource(strings = {" ", "soon", "-5", "1.5", "30s", "1e3", "+30", "0x10", "Tue, 14 Nov 2023", "120 seconds"})
  void garbageGivesTheFallback(String value) {
    assertThat(RetryAfter.seconds(value, NOW, FALLBACK)).isEqualTo(FALLBACK);
  }

  @ParameterizedTest(name = "now + {0} ms → {1}s")
  @CsvSource({"500, 90", "999, 90", "-500, 91"})
  void partialSecondsRoundUp(long skewMs, long expected) {
    assertThat(RetryAfter.seconds("Tue, 14 Nov 2023 22:14:50 GMT", NOW + skewMs, FALLBACK)).isEqualTo(expected);
  }
}

package io.wplive.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3 durations: 250ms, 30s, 5m, 2h, 7d; a bare number is an error except 0. */
class DurationsTest {
  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
      "0, 0",
      "0ms, 0",
      "0s, 0",
      "250ms, 250",
      "1ms, 1",
      "30s, 30000",
      "5m, 300000",
      "2h, 7200000",
      "7d, 604800000",
      "' 30s ', 30000",
      "1000ms, 1000",
      "90m, 5400000",
  })
  void parses(String text, long millis) {
    assertThat(Durations.parse(text, false)).isEqualTo(Duration.ofMillis(millis));
    assertThat(Durations.parse(text, true)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "not a duration: \"{0}\"")
  @ValueSource(strings = {"60", "1", "00", "", " ", "s", "ms", "1.5s", "1,5s", "30 s", "30S", "5M", "2H", "7D", "1w", "1y",
      "1sec", "5 minutes", "PT5M", "+5s", "--5s", "1h30m", "5s5", "0x10s", "-0", "- 1d", "1e3ms", "∞", "３s"})
  void rejects(String text) {
    assertThat(Durations.parse(text, false)).isNull();
    assertThat(Durations.parse(text, true)).isNull();
  }

  @ParameterizedTest(name = "{0} only with allowNegative")
  @CsvSource({"-1d, -86400000", "-250ms, -250", "-2h, -7200000", "-0s, 0"})
  void negativeOnlyWhenAllowed(String text, long millis) {
    assertThat(Durations.parse(text, false)).isNull();
    assertThat(Durations.parse(text, true)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "{0} formats as {1}")
  @CsvSource({"0, 0", "250, 250ms", "1000, 1s", "1500, 1500ms", "60000, 1m", "90000, 90s", "3600000, 1h",
      "86400000, 1d", "-86400000, -1d", "-250, -250ms", "604800000, 7d"})
  void formatsTheShortestSpellingThatParsesBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text, true)).isEqualTo(Duration.ofMillis(millis));
  }
}

package io.wplive.proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §13.1.2 If-None-Match: weak comparison, lists, *. */
class ConditionalsTest {
  @ParameterizedTest(name = "If-None-Match [{0}] vs ETag [{1}] → {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "\"a\"|\"a\"|true",
      "W/\"a\"|\"a\"|true",
      "\"a\"|W/\"a\"|true",
      "W/\"a\"|W/\"a\"|true",
      "\"b\"|\"a\"|false",
      "W/\"b\"|W/\"a\"|false",
      "\"a\"|\"A\"|false",
      "\"b\", \"a\"|\"a\"|true",
      "\"b\",\"a\"|\"a\"|true",
      "\"b\" ,  W/\"a\"|\"a\"|true",
      "\"b\",\t\"a\"|\"a\"|true",
      "\"b\", \"c\"|\"a\"|false",
      "*|\"a\"|true",
      "*|W/\"a\"|true",
      "\"a,b\"|\"a,b\"|true",
      "\"a,b\"|\"a\"|false",
      "\"x\", garbage, \"a\"|\"a\"|true",
      "\"\"|\"\"|true",
      "\"wplp-0123abcd\"|\"wplp-0123abcd\"|true",
      "a|\"a\"|false",
      "\"a|\"a\"|false",
      "``|\"a\"|false",
      "<null>|\"a\"|false",
      "\"a\"|<null>|false",
      "*|<null>|false",
  })
  void noneMatch(String ifNoneMatch, String etag, boolean expected) {
    assertThat(Conditionals.noneMatch(ifNoneMatch, etag)).isEqualTo(expected);
  }
}

package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict RFC 3986 decoding (UTF-8, no overlong forms) and canonical encoding. */
class PercentCodingTest {
  @ParameterizedTest(name = "decode {0} (plus={1}) → {2}")
  @CsvSource(delimiter = '|', value = {
      "abc|false|abc",
      "%41|false|A",
      "%41%42|true|AB",
      "a+b|false|a+b",
      "a+b|true|a b",
      "a%2Bb|true|a+b",
      "caf%C3%A9|false|café",
      "caf%c3%a9|false|café",
      "%E2%82%AC|false|€",
      "%F0%9F%98%80|false|😀",
      "%25|false|%",
      "%252e|false|%2e",
      "café|false|café",
  })
  void decodes(String in, boolean plus, String out) {
    assertThat(PercentCoding.decode(in, plus)).isEqualTo(out);
  }

  @ParameterizedTest(name = "malformed: {0}")
  @ValueSource(strings = {"%", "%4", "a%", "%zz", "%4g", "%g4", "%c0%ae", "%c0%af", "%e0%80%ae", "%ed%a0%80", "%ff", "%80",
      "%c3", "%f4%90%80%80"})
  void refusesMalformed(String in) {
    assertThatThrownBy(() -> PercentCoding.decode(in, false)).isInstanceOf(PercentCoding.MalformedException.class);
  }

  @ParameterizedTest(name = "encode {0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "abcXYZ019-._~|abcXYZ019-._~",
      "a b|a%20b",
      "a+b|a%2Bb",
      "/|%2F",
      "%|%25",
      "café|caf%C3%A9",
      "😀|%F0%9F%98%80",
      "*|%2A",
      "!$&'()*+,;=:@|%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40",
  })
  void encodes(String in, String out) {
    assertThat(PercentCoding.encode(in)).isEqualTo(out);
    assertThat(PercentCoding.decode(out, false)).isEqualTo(in);
  }
}

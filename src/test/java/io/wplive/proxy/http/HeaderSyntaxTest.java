package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 §5.1, §5.5: what may be a header name and value. */
class HeaderSyntaxTest {
  @ParameterizedTest(name = "value [{0}] valid: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "application/json; charset=utf-8|true",
      "`W/\"x\"`|true",
      "`a\tb`|true",
      "``|true",
      "`caf\u00e9`|true",
      "`a\rb`|false",
      "`a\nb`|false",
      "`a\u0000b`|false",
      "`a\u007fb`|false",
      "`\u20ac`|false",
  })
  void values(String value, boolean valid) {
    assertThat(HeaderSyntax.validValue(value)).isEqualTo(valid);
  }

  @ParameterizedTest(name = "name [{0}] valid: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "Content-Type|true", "X-WP-TotalPages|true", "x_y.z~!|true", "``|false", "`a b`|false", "a:b|false", "`a\u00e9`|false",
  })
  void names(String name, boolean valid) {
    assertThat(HeaderSyntax.validName(name)).isEqualTo(valid);
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bodies the normalizer cannot use are a {@link NormalizeException} naming the route and the problem,
 * never quoting the body (which can hold personal data or secrets).
 */
class UnusableBodyTest {
  private static final String SECRET = "sk_live_51HxSECRET";

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "json | {\"token\": \"SECRET\",                         | route r: the body is not valid JSON (line 1, column 32)",
      "json | {\"a\": 1} {\"token\": \"SECRET\"}              | route r: the body is not valid JSON (line 1, column 10)",
      "json | SECRET                                          | route r: the body is not valid JSON (line 1, column 19)",
      "json | ''                                              | route r: the body is empty",
      "xml  | <r><token>SECRET</token>                        | route r: the body is not valid XML",
      "xml  | SECRET                                          | route r: the body is not valid XML",
      "csv  | \"a,b\nSECRET,\"x                               | route r: the body is not valid CSV",
      "ical | SECRET                                          | route r: the body is not valid iCalendar (line 1)",
  })
  void garbageIsANormalizeException(String format, String body, String message) {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"" + format + "\"}");
    byte[] bytes = Fixtures.utf8(body.equals("''") ? "" : body.replace("SECRET", SECRET).replace("\\n", "\n"));

    assertThatThrownBy(() -> n.normalize(bytes, null, Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining(SECRET)
        .hasNoCause();
  }

  @ParameterizedTest(name = "items {0} on {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "/value     | {\"results\": []}               | route r: items pointer \"/value\" points at nothing",
      "/value     | {\"value\": null}               | route r: items pointer \"/value\" points at nothing",
      "/count     | {\"count\": 12}                 | route r: items pointer \"/count\" points at a number, not at a list or an object",
      "/name      | {\"name\": \"SECRET\"}           | route r: items pointer \"/name\" points at a string, not at a list or an object",
      "''         | 42                              | route r: items pointer \"\" points at a number, not at a list or an object",
      "/a/*/b     | {\"a\": 5}                       | route r: items pointer \"/a/*/b\" points at nothing",
  })
  void itemsThatAreNotThereAreANormalizeException(String items, String body, String message) {
    String pointer = items.equals("''") ? "" : items;
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"" + pointer + "\"}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8(body.replace("SECRET", SECRET)), "application/json",
        Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "text/plain  | hello SECRET",
      "            | 'quoted' SECRET",
      "image/png   | ''",
  })
  void aBodyOfUnknownFormatIsANormalizeException(String contentType, String body) {
    Normalizer n = Fixtures.normalizer("r", "{}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8(body.equals("''") ? "" : body.replace("SECRET", SECRET)),
        contentType, Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessage("route r: cannot tell the body's format from its Content-Type; set normalize.format");
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV bodies: the header row names the fields; every value is a string until typed. */
class CsvNormalizationTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"csv/stock-levels", "csv/semicolon-as-is"})
  void matchesGoldenEnvelope(String goldenCase) {
    GoldenCase.check(goldenCase);
  }

  @Test
  void anEmptyBodyIsAnEmptyList() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"csv\"}");

    NormalizedBody out = n.normalize(new byte[0], null, Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[]");
  }

  @Test
  void aHeaderWithoutRowsIsAnEmptyList() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"csv\"}");

    NormalizedBody out = n.normalize(Fixtures.utf8("sku,qty\n"), null, Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[]");
  }

  @Test
  void theContentTypeCharsetDecodesTheBody() {
    Normalizer n = Fixtures.normalizer("r", "{}");
    byte[] latin1 = "name\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    NormalizedBody out = n.normalize(latin1, "text/csv; charset=ISO-8859-1", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"name\":\"Café\"}]");
  }

  @Test
  void tabSeparatedValuesAreRecognised() {
    Normalizer n = Fixtures.normalizer("r", "{}");

    NormalizedBody out = n.normalize(Fixtures.utf8("a\tb\n1\t2\n"), "text/tab-separated-values", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"a\":\"1\",\"b\":\"2\"}]");
  }

  @Test
  void shortRowsLeaveTheirMissingColumnsNull() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"csv\", \"fields\": {\"a\": \"/a\", \"c\": \"/c\"}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("a,b,c\n1,2\n"), null, Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"a\":\"1\",\"c\":null}]");
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each field type against the values upstreams send. Inputs and outputs are JSON texts; an output of
 * {@code INVALID} means "cannot take the type" (null plus a warning).
 */
class FieldTypeConversionTest {
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
      "string   | \"abc\"                     | \"abc\"",
      "string   | 12.50                       | \"12.50\"",
      "string   | 7                           | \"7\"",
      "string   | true                        | \"true\"",
      "string   | \"\"                        | \"\"",
      "string   | {\"a\":1}                   | INVALID",
      "string   | [1]                         | INVALID",
      "number   | 349.0                       | 349.0",
      "number   | \"349.00\"                  | 349.00",
      "number   | \" 12 \"                    | 12",
      "number   | \"-0.5\"                    | -0.5",
      "number   | \"1e3\"                     | 1000",
      "number   | 1E+2                        | 100",
      "number   | 123456789012345678901234567890.123456789 | 123456789012345678901234567890.123456789",
      "number   | \"12,50\"                   | INVALID",
      "number   | \"NaN\"                     | INVALID",
      "number   | \"Infinity\"                | INVALID",
      "number   | \"1e999999999\"             | INVALID",
      "number   | true                        | INVALID",
      "number   | \"\"                        | null",
      "number   | null                        | null",
      "integer  | 42                          | 42",
      "integer  | \"42\"                      | 42",
      "integer  | \"+42\"                     | 42",
      "integer  | 42.000                      | 42",
      "integer  | \"-7.0\"                    | -7",
      "integer  | 98765432109876543210987654321 | 98765432109876543210987654321",
      "integer  | 4.5                         | INVALID",
      "integer  | \"4 pcs\"                   | INVALID",
      "boolean  | true                        | true",
      "boolean  | \"false\"                   | false",
      "boolean  | \"TRUE\"                    | true",
      "boolean  | \"1\"                       | true",
      "boolean  | \"0\"                       | false",
      "boolean  | \"yes\"                     | true",
      "boolean  | \" No \"                    | false",
      "boolean  | 1                           | true",
      "boolean  | 0                           | false",
      "boolean  | 2                           | INVALID",
      "boolean  | \"maybe\"                   | INVALID",
      "datetime | \"2025-03-14T16:22:05Z\"    | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T16:22:05.987Z\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T17:22:05+01:00\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T11:22:05-0500\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T18:22:05+02\"  | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T17:22:05+01:00[Europe/Paris]\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T16:22:05\"     | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14T16:22\"        | \"2025-03-14T16:22:00Z\"",
      "datetime | \"2025-03-14 16:22:05\"     | \"2025-03-14T16:22:05Z\"",
      "datetime | \"2025-03-14\"              | \"2025-03-14T00:00:00Z\"",
      "datetime | 1741969325                  | \"2025-03-14T16:22:05Z\"",
      "datetime | 1741969325987               | \"2025-03-14T16:22:05Z\"",
      "datetime | \"1741969325\"              | \"2025-03-14T16:22:05Z\"",
      "datetime | 1741969325.5                | \"2025-03-14T16:22:05Z\"",
      "datetime | \"Fri, 14 Mar 2025 16:22:05 GMT\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"Fri, 14 Mar 2025 17:22:05 +0100\" | \"2025-03-14T16:22:05Z\"",
      "datetime | \"14/03/2025\"              | INVALID",
      "datetime | \"next tuesday\"            | INVALID",
      "datetime | \"2025-13-40\"              | INVALID",
      "datetime | 99999999999999999           | INVALID",
      "datetime | true                        | INVALID",
  })
  void converts(String type, String input, String expected) {
    JsonNode in = Fixtures.parse(Fixtures.utf8(input));

    JsonNode out = FieldType.of(type).convert(in);

    if (expected.equals("INVALID")) {
      assertThat(out).isSameAs(FieldType.INVALID);
    } else {
      assertThat(Fixtures.compact(out)).isEqualTo(expected);
    }
  }

  @Test
  void doublesMadeByATransformAreWrittenPlain() {
    JsonNode tenBillion = JsonNodeFactory.instance.numberNode(1.0e10);

    assertThat(FieldType.STRING.convert(tenBillion).textValue()).isEqualTo("10000000000");
    assertThat(Fixtures.compact(FieldType.NUMBER.convert(tenBillion))).isEqualTo("10000000000");
    assertThat(FieldType.NUMBER.convert(JsonNodeFactory.instance.numberNode(Double.NaN))).isSameAs(FieldType.INVALID);
  }
}

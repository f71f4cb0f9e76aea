package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The format comes from the config, else the Content-Type, else (never for CSV) the body's first bytes. */
class BodyFormatDetectionTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "application/json                        | JSON",
      "application/json; charset=utf-8         | JSON",
      "Application/JSON                        | JSON",
      "application/ld+json                     | JSON",
      "application/vnd.api+json                | JSON",
      "application/json;odata.metadata=minimal | JSON",
      "text/xml                                | XML",
      "application/xml; charset=ISO-8859-1     | XML",
      "application/atom+xml                    | XML",
      "application/rss+xml                     | XML",
      "text/csv                                | CSV",
      "text/csv; header=present                | CSV",
      "text/calendar; charset=utf-8            | ICAL",
      "text/plain                              | ",
      "text/html                               | ",
      "                                        | ",
  })
  void fromContentType(String contentType, BodyFormat expected) {
    assertThat(BodyFormat.ofContentType(contentType)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"  {\"\"a\"\": 1}\"      | JSON",
      "[1,2]                     | JSON",
      "<?xml version=\"\"1.0\"\"?><a/> | XML",
      "BEGIN:VCALENDAR           | ICAL",
      "begin:vcalendar           | ICAL",
      "a,b,c                     | ",
      "\"\"                      | ",
  })
  void fromTheFirstBytes(String body, BodyFormat expected) {
    assertThat(BodyFormat.sniff(body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "text/csv; charset=ISO-8859-1       | ISO-8859-1",
      "text/csv; charset=\"windows-1252\" | windows-1252",
      "text/calendar                      | UTF-8",
      "text/csv; charset=no-such-charset  | UTF-8",
      "                                   | UTF-8",
  })
  void charsetFromContentType(String contentType, String charset) {
    assertThat(BodyFormat.charset(contentType).name()).isEqualTo(charset);
  }
}

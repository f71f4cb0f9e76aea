package io.wplive.proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §4 compression: a client sending Accept-Encoding: gzip (q above 0) gets the gzip copy. RFC 9110 §12.5.3. */
class AcceptsGzipTest {
  @ParameterizedTest(name = "Accept-Encoding [{0}] → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "<null>|false",
      "``|false",
      "gzip|true",
      "gzip, deflate, br|true",
      "br, gzip|true",
      "deflate|false",
      "identity|false",
      "br;q=1.0, deflate;q=0.5|false",
      "gzip;q=1|true",
      "gzip;q=1.0|true",
      "gzip;q=0.5|true",
      "gzip; q=0.5|true",
      "gzip;q=0.001|true",
      "gzip;q=0|false",
      "gzip; q=0|false",
      "gzip ;q=0|false",
      "gzip;q=0.0|false",
      "gzip;q=0.000|false",
      "deflate, gzip;q=0|false",
      "gzip;q=0, deflate|false",
      "deflate;q=0.5, gzip;q=0|false",
      "x-gzip|true",
      // content-coding names and the q parameter are case-insensitive (RFC 9110 §8.4.1, §12.4.2)
      "GZIP|true",
      "Gzip, deflate|true",
      "gzip;Q=0|false",
      // * stands for every coding not listed (RFC 9110 §12.5.3)
      "*|true",
      "*;q=0|false",
      "gzip, *;q=0|true",
      "gzip;q=0, *|false",
  })
  void acceptsGzip(String acceptEncoding, boolean expected) {
    assertThat(ResponseWriter.acceptsGzip(acceptEncoding)).isEqualTo(expected);
  }
}

package io.wplive.proxy.normalize;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** The one JSON configuration every reader and the envelope writer share, so numbers survive exactly. */
final class JsonSupport {
  /**
   * Keeps {@code BigDecimal}s as they are: without this, 349.0 would become 349 and 1000.0 would be
   * stripped to {@code 1E+3}.
   */
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /**
   * Reads floats as {@code BigDecimal} (huge or long decimals are kept digit for digit), rejects trailing
   * garbage after the document, writes decimals in plain notation (never {@code 1E+3}) and writes
   * characters outside the BMP (emoji) as UTF-8 rather than as {@code \uD83C\uDF73} escape pairs.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .nodeFactory(NODES)
      .build();

  private JsonSupport() {
  }
}

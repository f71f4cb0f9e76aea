package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The optional JSLT transform runs on the whole document, before items and fields. */
class JsltTransformTest {
  @Test
  void reshapesTheDocumentBeforeItemsAndFields() {
    GoldenCase.check("jslt/flatten-variants");
  }

  @Test
  void theTotalPointerReadsTheTransformedDocument() {
    Normalizer n = Fixtures.normalizer("r",
        "{\"transform\": \"{\\\"rows\\\": .results, \\\"n\\\": size(.results)}\", \"items\": \"/rows\", \"total\": \"/n\"}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"results\": [1, 2, 3]}"), "application/json", Fixtures.noHeaders(), null);

    assertThat(out.total()).isEqualTo(3L);
  }

  @Test
  void untouchedNumbersKeepTheirPrecisionThroughTheTransform() {
    Normalizer n = Fixtures.normalizer("r", "{\"transform\": \"{\\\"items\\\": [for (.list) {\\\"p\\\": .price}]}\", \"items\": \"/items\"}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"list\": [{\"price\": 123456789012345678901234567890.123456789}]}"),
        "application/json", Fixtures.noHeaders(), null);

    assertThat(new String(out.json(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"data\":[{\"p\":123456789012345678901234567890.123456789}]");
  }

  @Test
  void aRuntimeFailureIsANormalizeExceptionWithoutTheDocument() {
    Normalizer n = Fixtures.normalizer("r", "{\"transform\": \"{\\\"n\\\": number(.secret)}\"}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8("{\"secret\": \"hunter2-password\"}"), "application/json",
        Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessageStartingWith("route r: the transform failed")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anExplicitErrorInTheExpressionIsANormalizeException() {
    Normalizer n = Fixtures.normalizer("r", "{\"transform\": \"if (.ok) . else error(\\\"upstream said \\\" + .msg)\"}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8("{\"ok\": false, \"msg\": \"token abc expired\"}"),
        "application/json", Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessageNotContaining("token abc");
  }

  @Test
  void aTransformThatProducesNothingIsANormalizeException() {
    Normalizer n = Fixtures.normalizer("r", "{\"transform\": \".missing\"}");

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8("{\"a\": 1}"), "application/json", Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessage("route r: the transform produced nothing");
  }
}

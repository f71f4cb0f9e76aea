package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON bodies: items, field pointers with {@code *}, types, missing fields, unicode, exact numbers. */
class JsonFieldMappingTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "json/woocommerce-products",
      "json/items-as-is",
      "json/single-object",
      "json/empty-list",
      "json/unicode",
      "json/huge-numbers",
      "json/type-warnings",
  })
  void matchesGoldenEnvelope(String goldenCase) {
    GoldenCase.check(goldenCase);
  }

  @Test
  void warningsNameRouteFieldAndItemButNeverTheValue() {
    NormalizedBody out = GoldenCase.check("json/type-warnings");

    assertThat(out.warningMessages()).hasSize(6).allSatisfy(m -> assertThat(m).startsWith("route products: field \""));
    assertThat(out.warningMessages()).contains(
        "route products: field \"price\" of item 1 is not a valid number; sent as null",
        "route products: field \"sizes[1]\" of item 1 is not a valid integer; sent as null");
    assertThat(String.join("\n", out.warningMessages())).doesNotContain("12,50", "maybe", "yesterday", "XL");
  }

  @Test
  void aFieldPointingAtTheWholeItemCopiesIt() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/rows\", \"fields\": {\"all\": \"\", \"first\": \"/0\"}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"rows\": [[\"a\", \"b\"], {\"k\": 1}]}"), "application/json",
        Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString())
        .isEqualTo("[{\"all\":[\"a\",\"b\"],\"first\":\"a\"},{\"all\":{\"k\":1},\"first\":null}]");
  }

  @Test
  void pointerEscapesReachKeysWithSlashesAndTildes() {
    Normalizer n = Fixtures.normalizer("r",
        "{\"items\": \"/data\", \"fields\": {\"a\": \"/a~1b\", \"t\": \"/m~0n\", \"count\": \"/@odata.count\"}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"data\": [{\"a/b\": 1, \"m~n\": 2, \"@odata.count\": 3}]}"),
        "application/json", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"a\":1,\"t\":2,\"count\":3}]");
  }

  @Test
  void wildcardOverAnObjectCollectsItsValues() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"\", \"fields\": {\"qty\": {\"from\": \"/stock/*/qty\", \"type\": \"integer\"}}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"stock\": {\"north\": {\"qty\": \"3\"}, \"south\": {\"qty\": 4}}}"),
        "application/json", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("{\"qty\":[3,4]}");
  }

  @Test
  void itemsWildcardConcatenatesTheListsItFinds() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/groups/*/products\", \"fields\": {\"id\": \"/id\"}}");

    NormalizedBody out = n.normalize(
        Fixtures.utf8("{\"groups\": [{\"products\": [{\"id\": 1}, {\"id\": 2}]}, {\"products\": []}, {\"products\": [{\"id\": 3}]}]}"),
        "application/json", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"id\":1},{\"id\":2},{\"id\":3}]");
  }

  @Test
  void scalarItemsGetNullFields() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/tags\", \"fields\": {\"name\": \"/name\"}}");

    NormalizedBody out = n.normalize(Fixtures.utf8("{\"tags\": [\"a\", 2]}"), "application/json", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"name\":null},{\"name\":null}]");
    assertThat(out.warnings()).isZero();
  }

  @Test
  void theWarningMessageListIsCappedButTheCountIsExact() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      body.append(i == 0 ? "" : ",").append("{\"n\": \"x\"}");
    }
    Normalizer n = Fixtures.normalizer("r", "{\"fields\": {\"n\": {\"from\": \"/n\", \"type\": \"number\"}}}");

    NormalizedBody out = n.normalize(Fixtures.utf8(body.append("]").toString()), "application/json", Fixtures.noHeaders(), null);

    assertThat(out.warnings()).isEqualTo(50);
    assertThat(out.warningMessages()).hasSize(Warnings.MAX_MESSAGES);
  }
}

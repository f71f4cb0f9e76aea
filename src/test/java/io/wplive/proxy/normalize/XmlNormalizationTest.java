package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XML bodies: repeated elements are lists even when only one is present; attributes are fields. */
class XmlNormalizationTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"xml/one-item", "xml/many-items", "xml/empty-list"})
  void matchesGoldenEnvelope(String goldenCase) {
    GoldenCase.check(goldenCase);
  }

  @Test
  void aSingleElementAtTheItemsPointerIsAListOfOne() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items/item\"}");

    NormalizedBody out = n.normalize(Fixtures.utf8("<items><item id=\"7\"><name>Only</name></item></items>"),
        "application/xml", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[{\"id\":\"7\",\"name\":\"Only\"}]");
  }

  @Test
  void anElementRepeatedInOneItemIsAListInEveryItem() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/r/i\"}");

    NormalizedBody out = n.normalize(
        Fixtures.utf8("<r><i><p>1</p></i><i><p>2</p><p>3</p></i><i><q/></i></r>"), "text/xml", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString())
        .isEqualTo("[{\"p\":[\"1\"]},{\"p\":[\"2\",\"3\"]},{\"q\":\"\"}]");
  }

  @Test
  void theWholeDocumentKeepsItsRootElement() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"xml\"}");

    NormalizedBody out = n.normalize(Fixtures.utf8("<status code=\"ok\"><uptime>99.9</uptime></status>"), null,
        Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString())
        .isEqualTo("{\"status\":{\"code\":\"ok\",\"uptime\":\"99.9\"}}");
  }

  @Test
  void externalEntitiesAreNeverResolved() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"xml\"}");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r><a>&x;</a></r>";

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8(xxe), null, Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class)
        .hasMessageStartingWith("route r: the body is not valid XML");
  }

  @Test
  void entityExpansionBombsAreRejected() {
    Normalizer n = Fixtures.normalizer("r", "{\"format\": \"xml\"}");
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
        + "<lolz>&lol2;</lolz>";

    assertThatThrownBy(() -> n.normalize(Fixtures.utf8(bomb), null, Fixtures.noHeaders(), null))
        .isInstanceOf(NormalizeException.class);
  }

  @Test
  void latin1DeclaredBodiesAreDecodedByTheirDeclaration() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/r/name\"}");
    byte[] body = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><name>Caf\u00e9</name></r>"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    NormalizedBody out = n.normalize(body, "application/xml", Fixtures.noHeaders(), null);

    assertThat(Fixtures.parse(out.json()).get("data").toString()).isEqualTo("[\"Café\"]");
  }
}

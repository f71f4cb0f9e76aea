package io.wplive.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.HttpResult;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The XML product and stock feed, read with the JDK's own parser as any XML consumer would. */
@Timeout(30)
class XmlFeedApiTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.750Z");
  private static DemoHarness demo;

  @BeforeAll
  static void start() {
    demo = DemoHarness.start(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  @Test
  void servedAsXmlAfterTheAdvertisedLatency() {
    HttpResult r = demo.http().get("/xml/feed.xml");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/xml; charset=utf-8");
    assertThat(r.millis()).isGreaterThanOrEqualTo(120);
    assertThat(demo.http().get("/xml/other.xml").status()).isEqualTo(404);
  }

  @Test
  void feedHasTheGeneratedTimeAndTwentyFiveWellFormedItems() throws Exception {
    Element feed = parse(demo.http().get("/xml/feed.xml").text()).getDocumentElement();
    assertThat(feed.getTagName()).isEqualTo("feed");
    assertThat(text(feed, "generated")).isEqualTo("2026-11-30T10:15:30Z");
    NodeList items = feed.getElementsByTagName("item");
    assertThat(items.getLength()).isEqualTo(25);
    Set<String> skus = new HashSet<>();
    int soldOut = 0;
    boolean sawAmpersand = false;
    for (int i = 0; i < items.getLength(); i++) {
      Element item = (Element) items.item(i);
      skus.add(item.getAttribute("sku"));
      assertThat(item.getAttribute("sku")).matches("CF-\\d{4}");
      sawAmpersand |= text(item, "name").contains("&");
      Element price = (Element) item.getElementsByTagName("price").item(0);
      assertThat(price.getAttribute("currency")).isEqualTo("EUR");
      assertThat(price.getTextContent()).matches("\\d+\\.\\d{2}");
      assertThat(new BigDecimal(price.getTextContent())).isPositive();
      int stock = Integer.parseInt(text(item, "stock"));
      assertThat(stock).isNotNegative();
      soldOut += stock == 0 ? 1 : 0;
      assertThat(OffsetDateTime.parse(text(item, "updated")).getOffset()).isEqualTo(ZoneOffset.ofHours(1));
    }
    assertThat(skus).hasSize(25);
    assertThat(soldOut).as("some products are sold out").isPositive();
    assertThat(sawAmpersand).as("a name with & shows the feed escapes it").isTrue();
  }

  @Test
  void onlyTheGeneratedTimeFollowsTheClock() {
    String now = DemoXmlFeedData.feed(NOW);
    String later = DemoXmlFeedData.feed(NOW.plusSeconds(3600));
    assertThat(later.replaceAll("<generated>[^<]*</generated>", ""))
        .isEqualTo(now.replaceAll("<generated>[^<]*</generated>", ""));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String text(Element parent, String tag) {
    return parent.getElementsByTagName(tag).item(0).getTextContent();
  }
}

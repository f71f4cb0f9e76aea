package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** meta.total / totalPages from a pointer or a header, and meta.nextCursor for cursor-style routes. */
class TotalAndCursorTest {
  private static final byte[] BODY = Fixtures.utf8(
      "{\"items\": [{\"id\": 1}], \"count\": 41, \"countText\": \" 41 \", \"countDecimal\": 41.0, \"bad\": \"many\","
          + " \"negative\": -3, \"next\": \"c2\", \"nextNumber\": 12345678901234567890, \"last\": \"\"}");

  @ParameterizedTest(name = "total {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/count              | 41 | 3 | 0",
      "/countText          | 41 | 3 | 0",
      "/countDecimal       | 41 | 3 | 0",
      "/missing            |    |   | 0",
      "/bad                |    |   | 1",
      "/negative           |    |   | 1",
      "header:X-Total-Count | 41 | 3 | 0",
      "header:x-wp-total   | 40 | 2 | 0",
      "header:X-Absent     |    |   | 0",
      "header:X-Garbage    |    |   | 1",
  })
  void readsTheTotal(String total, Long expectedTotal, Integer expectedPages, int warnings) {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items\", \"total\": \"" + total + "\", \"pagination\": {\"style\": \"page\"}}");
    var headers = Fixtures.headers(Map.of("X-Total-Count", "41", "X-WP-Total", "40", "X-Garbage", "4O"));

    NormalizedBody out = n.normalize(BODY, "application/json", headers, new PageRequest(1, 20, null));

    assertThat(out.total()).isEqualTo(expectedTotal);
    assertThat(out.totalPages()).isEqualTo(expectedPages);
    assertThat(out.warnings()).isEqualTo(warnings);
    JsonNode meta = Fixtures.parse(out.json()).get("meta");
    assertThat(meta.get("total").isNull()).isEqualTo(expectedTotal == null);
    assertThat(meta.get("totalPages").isNull()).isEqualTo(expectedPages == null);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2} pages")
  @CsvSource({"0, 20, 0", "1, 20, 1", "20, 20, 1", "21, 20, 2", "93, 20, 5", "1234, 20, 62", "9223372036854775807, 1, 2147483647"})
  void totalPagesRoundsUp(long total, int perPage, int pages) {
    assertThat(Normalizer.pagesFor(total, perPage)).isEqualTo(pages);
  }

  @Test
  void withoutAPageRequestTotalPagesIsUnknown() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items\", \"total\": \"/count\"}");

    NormalizedBody out = n.normalize(BODY, "application/json", Fixtures.noHeaders(), null);

    assertThat(out.total()).isEqualTo(41L);
    assertThat(out.totalPages()).isNull();
  }

  @ParameterizedTest(name = "nextCursor {0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/next        | c2",
      "/nextNumber  | 12345678901234567890",
      "/last        | ",
      "/missing     | ",
      "header:Link  | abc+/=",
      "header:X-Next-Cursor | opaque-token",
  })
  void readsTheNextCursor(String nextCursor, String expected) {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items\", \"pagination\": {\"style\": \"cursor\", "
        + "\"cursorParam\": \"page_info\", \"sizeParam\": \"limit\", \"nextCursor\": \"" + nextCursor + "\"}}");
    var headers = Fixtures.headers(Map.of(
        "link", "<https://shop.example.com/admin/api/products.json?limit=20&page_info=prev1>; rel=\"previous\", "
            + "<https://shop.example.com/admin/api/products.json?limit=20&page_info=abc%2B%2F%3D>; rel=\"next\"",
        "X-Next-Cursor", "opaque-token"));

    NormalizedBody out = n.normalize(BODY, "application/json", headers, new PageRequest(2, 20, "c1"));

    JsonNode meta = Fixtures.parse(out.json()).get("meta");
    assertThat(meta.has("nextCursor")).isTrue();
    assertThat(meta.get("nextCursor").isNull() ? null : meta.get("nextCursor").asText()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<https://api.example.com/items?cursor=xyz>; rel=next                          | https://api.example.com/items?cursor=xyz",
      "<https://api.example.com/items/page/3>; rel=\"next\"                          | https://api.example.com/items/page/3",
      "<https://a.example/?q=a,b>; rel=\"prev first\", <https://a.example/?after=9>; rel=\"last next\" | https://a.example/?after=9",
      "<https://api.example.com/items?cursor=xyz>; rel=\"last\"                      | ",
  })
  void aLinkHeaderWithoutTheCursorParamGivesTheWholeUrl(String link, String expectedUrl) {
    assertThat(LinkHeader.nextUrl(link)).isEqualTo(expectedUrl);
  }

  @Test
  void aNextLinkWithoutTheCursorParameterIsPassedAsTheWholeUrl() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items\", \"pagination\": {\"style\": \"cursor\", "
        + "\"nextCursor\": \"header:Link\"}}");
    var headers = Fixtures.headers(Map.of("Link", "<https://api.example.com/items/page/3>; rel=\"next\""));

    NormalizedBody out = n.normalize(BODY, "application/json", headers, new PageRequest(1, 20, null));

    assertThat(Fixtures.parse(out.json()).get("meta").get("nextCursor").asText()).isEqualTo("https://api.example.com/items/page/3");
  }

  @Test
  void pageAndOffsetStylesHaveNoNextCursorInMeta() {
    Normalizer n = Fixtures.normalizer("r", "{\"items\": \"/items\", \"pagination\": {\"style\": \"offset\"}}");

    NormalizedBody out = n.normalize(BODY, "application/json", Fixtures.noHeaders(), new PageRequest(1, 20, null));

    assertThat(Fixtures.parse(out.json()).get("meta").has("nextCursor")).isFalse();
  }
}

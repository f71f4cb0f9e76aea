package io.wplive.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.MutableClock;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every {@code conf/examples/*.yaml}, unchanged but for its ports (through the WPLP_PORT and
 * WPLP_DEMO_PORT variables the examples read), runs the proxy with the demo upstreams in-process, and a
 * theme's request gets the normalized envelope: {@code {data, meta}}, fields typed as configured,
 * {@code meta.total} and the X-WP-Total / X-WP-TotalPages headers, WordPress paging mapped to the
 * upstream's own.
 */
@Timeout(60)
class ExamplesEndToEndTest {
  private static final String UTC_SECONDS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  private ProxyFixture proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Starts the example with the proxy on port 0 and the demo on a port picked now (its baseUrl needs it). */
  private TestHttp start(String example, Clock clock) {
    String yaml;
    try {
      yaml = Files.readString(Path.of("conf/examples", example));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = Map.of("WPLP_PORT", "0", "WPLP_DEMO_PORT", Integer.toString(Blocking.freePort()));
    proxy = ProxyFixture.start(yaml, env, clock);
    return proxy.http();
  }

  @Test
  void inventoryProductsArePagedTypedAndCounted() {
    TestHttp http = start("inventory.yaml", new MutableClock());
    HttpResult r = http.get("/api/products?page=2&per_page=5");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("X-WP-Total")).isEqualTo("93");
    assertThat(r.header("X-WP-TotalPages")).isEqualTo("19");
    JsonObject body = r.json();
    assertThat(body.fieldNames()).containsExactly("data", "meta");
    assertThat(body.getJsonObject("meta").getMap()).containsAllEntriesOf(Map.of(
        "route", "products", "total", 93, "page", 2, "perPage", 5, "totalPages", 19));
    assertThat(body.getJsonObject("meta").getString("fetchedAt")).matches(UTC_SECONDS);

    JsonArray data = body.getJsonArray("data");
    assertThat(ids(data, "id")).containsExactly("A-105", "A-106", "A-107", "A-108", "A-109");
    JsonObject first = data.getJsonObject(0);
    assertThat(first.fieldNames()).containsExactly("id", "name", "price", "currency", "inStock", "stock", "updatedAt");
    // the API sends "234.65" (a string), false, 0 and a +01:00 time; the theme gets them typed, in UTC
    assertThat(r.text()).contains("\"id\":\"A-105\",\"name\":\"Velvet table\",\"price\":234.65,\"currency\":\"EUR\","
        + "\"inStock\":false,\"stock\":0,\"updatedAt\":\"2026-11-06T08:30:00Z\"");
    for (int i = 0; i < data.size(); i++) {
      assertThat(data.getJsonObject(i).getValue("price")).isInstanceOf(Number.class);
      assertThat(data.getJsonObject(i).getValue("inStock")).isInstanceOf(Boolean.class);
      assertThat(data.getJsonObject(i).getValue("stock")).isInstanceOf(Integer.class);
    }

    assertThat(http.get("/api/products?page=2&per_page=5").xCache()).isEqualTo("HIT");
  }

  @Test
  void inventoryOneProductIsAnObjectWithoutTotals() {
    TestHttp http = start("inventory.yaml", new MutableClock());
    HttpResult r = http.get("/api/products/A-104");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getJsonObject("data").getString("id")).isEqualTo("A-104");
    assertThat(r.json().getJsonObject("meta").getValue("total")).isNull();
    assertThat(r.header("X-WP-Total")).isNull();
    assertThat(http.get("/api/products/NO-SUCH").status()).isEqualTo(404);
  }

  @Test
  void listingsPageTwoOfFiveReachesTheResoServerAsSkip5Top5() {
    TestHttp http = start("listings.yaml", new MutableClock());
    HttpResult r = http.get("/api/listings?page=2&per_page=5");
    assertThat(r.status()).isEqualTo(200);
    JsonObject body = r.json();
    // RESO-10006..10010 are exactly $skip=5&$top=5 (the server's default $top is 10)
    assertThat(ids(body.getJsonArray("data"), "id")).containsExactly("RESO-10006", "RESO-10007", "RESO-10008", "RESO-10009", "RESO-10010");
    assertThat(body.getJsonObject("meta").getMap()).containsAllEntriesOf(Map.of(
        "route", "listings", "total", 57, "page", 2, "perPage", 5, "totalPages", 12));
    assertThat(r.header("X-WP-Total")).isEqualTo("57");
    assertThat(r.header("X-WP-TotalPages")).isEqualTo("12");

    JsonObject first = body.getJsonArray("data").getJsonObject(0);
    assertThat(first.fieldNames()).containsExactly("id", "mlsNumber", "status", "price", "address", "city", "state",
        "postalCode", "bedrooms", "bathrooms", "livingArea", "photos", "updatedAt");
    assertThat(r.text()).contains("\"price\":373999.99"); // cents kept as the MLS sent them
    assertThat(first.getValue("bedrooms")).isInstanceOf(Integer.class);
    assertThat(first.getValue("bathrooms")).isInstanceOf(Integer.class);
    assertThat(first.getJsonArray("photos")).containsExactly(
        "https://photos.example.com/reso/RESO-10006/1.jpg", "https://photos.example.com/reso/RESO-10006/2.jpg");
    assertThat(first.getString("updatedAt")).isEqualTo("2026-11-28T19:35:00Z"); // 13:35 at -06:00

    JsonArray page3 = http.get("/api/listings?page=3&per_page=7").json().getJsonArray("data");
    assertThat(ids(page3, "id")).hasSize(7).startsWith("RESO-10015");
  }

  @Test
  void listingsClientsCannotReachTheUpstreamsOwnPagingParameters() {
    TestHttp http = start("listings.yaml", new MutableClock());
    JsonObject body = http.get("/api/listings?$top=200&$skip=50").json();
    assertThat(body.getJsonArray("data")).hasSize(20);
    assertThat(ids(body.getJsonArray("data"), "id")).startsWith("RESO-10001");
  }

  @Test
  void oneListingByKeyIsAnObjectWithAnEmptyPhotoList() {
    TestHttp http = start("listings.yaml", new MutableClock());
    HttpResult r = http.get("/api/listings/RESO-10004");
    assertThat(r.status()).isEqualTo(200);
    JsonObject data = r.json().getJsonObject("data");
    assertThat(data.getString("id")).isEqualTo("RESO-10004");
    assertThat(data.getJsonArray("photos")).isEmpty();
    assertThat(r.header("X-WP-Total")).isNull();
    assertThat(http.get("/api/listings/RESO-99999").status()).isEqualTo(404);
  }

  @Test
  void calendarRecurrencesAreExpandedInUtcAcrossTheDstChange() {
    // Tuesday 23 March 2027; Paris moves to summer time on Sunday 28 March
    TestHttp http = start("calendar.yaml", Clock.fixed(Instant.parse("2027-03-23T12:00:00Z"), ZoneOffset.UTC));
    HttpResult r = http.get("/api/bookings");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("X-WP-Total")).isNull();
    JsonObject body = r.json();
    assertThat(body.getJsonObject("meta").getValue("total")).isNull();
    JsonArray data = body.getJsonArray("data");
    for (int i = 0; i < data.size(); i++) {
      assertThat(data.getJsonObject(i).fieldNames())
          .containsExactly("uid", "summary", "description", "location", "start", "end", "allDay", "status", "url");
    }
    List<String> starts = data.stream().map(e -> ((JsonObject) e).getString("start")).toList();
    assertThat(starts).isSorted();

    List<String> weekly = data.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("uid").equals(DemoCalendarData.WEEKLY_UID)).map(e -> e.getString("start")).toList();
    // 18:30 in Paris: 17:30 UTC in winter, 16:30 UTC in summer; 5 April is the EXDATE
    assertThat(weekly).startsWith("2027-03-22T17:30:00Z", "2027-03-29T16:30:00Z", "2027-04-12T16:30:00Z")
        .doesNotContain("2027-03-15T17:30:00Z", "2027-04-05T16:30:00Z")
        .allMatch(s -> s.matches(UTC_SECONDS));

    JsonObject closure = byUid(data, "closure-maintenance@calendar.demo.wplive");
    assertThat(closure.getMap()).containsAllEntriesOf(Map.of("start", "2027-04-13", "end", "2027-04-14", "allDay", true));
    assertThat(byUid(data, "booking-2041@calendar.demo.wplive").getString("start")).isEqualTo("2027-03-25T13:00:00Z");
    assertThat(data.stream().map(e -> ((JsonObject) e).getString("uid"))).doesNotContain("booking-1987@calendar.demo.wplive");
  }

  @Test
  void xmlFeedItemsBecomeTypedJsonWithAttributesAndElementText() {
    TestHttp http = start("xml.yaml", new MutableClock());
    HttpResult r = http.get("/api/stock");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonArray data = r.json().getJsonArray("data");
    assertThat(data).hasSize(25);
    assertThat(data.getJsonObject(0).fieldNames()).containsExactly("sku", "name", "price", "currency", "stock", "updatedAt");
    // the price element's text with its two decimals, the currency from its attribute, & unescaped
    assertThat(r.text()).contains("{\"sku\":\"CF-1005\",\"name\":\"Ethiopia Yirgacheffe, tasting set & notes\","
        + "\"price\":24.00,\"currency\":\"EUR\",\"stock\":0,\"updatedAt\":\"2026-11-21T09:08:00Z\"}");
    for (int i = 0; i < data.size(); i++) {
      assertThat(data.getJsonObject(i).getValue("price")).isInstanceOf(Number.class);
      assertThat(data.getJsonObject(i).getValue("stock")).isInstanceOf(Integer.class);
      assertThat(data.getJsonObject(i).getString("updatedAt")).matches(UTC_SECONDS);
    }
    assertThat(r.json().getJsonObject("meta").getValue("total")).isNull();
  }

  private static List<String> ids(JsonArray data, String field) {
    return data.stream().map(e -> ((JsonObject) e).getString(field)).toList();
  }

  private static JsonObject byUid(JsonArray data, String uid) {
    return data.stream().map(e -> (JsonObject) e).filter(e -> e.getString("uid").equals(uid)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + uid));
  }
}

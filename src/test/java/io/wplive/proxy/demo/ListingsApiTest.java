package io.wplive.proxy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.HttpResult;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RESO Web API (OData) listings demo, through the demo listener as the proxy reaches it. */
@Timeout(30)
class ListingsApiTest {
  private static DemoHarness demo;

  @BeforeAll
  static void start() {
    demo = DemoHarness.start(Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    demo.close();
  }

  private static HttpResult get(String uri) {
    return demo.http().get(uri);
  }

  @Test
  void firstPageIsAnODataCollectionWithCountAndNextLink() {
    HttpResult r = get("/listings/Property");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json;odata.metadata=minimal");
    assertThat(r.header("OData-Version")).isEqualTo("4.0");
    JsonObject body = r.json();
    assertThat(body.getString("@odata.context")).endsWith("/listings/$metadata#Property");
    assertThat(body.getInteger("@odata.count")).isEqualTo(57);
    assertThat(body.getJsonArray("value")).hasSize(ListingsApi.DEFAULT_TOP);
    assertThat(body.getString("@odata.nextLink"))
        .isEqualTo("http://127.0.0.1:" + demo.http().port() + "/listings/Property?$top=10&$skip=10");
  }

  @Test
  void everyListingHasTheResoFieldsWithTheirJsonTypes() {
    JsonArray all = get("/listings/Property?$top=200").json().getJsonArray("value");
    assertThat(all).hasSize(57);
    Set<String> keys = new HashSet<>();
    boolean sawCents = false;
    boolean sawNoPhotos = false;
    for (int i = 0; i < all.size(); i++) {
      JsonObject l = all.getJsonObject(i);
      assertThat(l.fieldNames()).contains("ListingKey", "ListingId", "StandardStatus", "ListPrice", "City",
          "StateOrProvince", "PostalCode", "BedroomsTotal", "BathroomsTotalInteger", "LivingArea",
          "ModificationTimestamp", "Media");
      keys.add(l.getString("ListingKey"));
      assertThat(l.getValue("ListPrice")).isInstanceOf(Number.class);
      sawCents |= l.getValue("ListPrice") instanceof Double;
      assertThat(l.getValue("BedroomsTotal")).isInstanceOf(Integer.class);
      assertThat(l.getValue("BathroomsTotalInteger")).isInstanceOf(Integer.class);
      assertThat(l.getValue("LivingArea")).isInstanceOf(Number.class);
      assertThat(l.getString("StandardStatus")).isIn("Active", "Pending", "Active Under Contract", "Coming Soon", "Closed");
      // an offset, not a bare local time: the proxy has to convert it to UTC
      assertThat(l.getString("ModificationTimestamp")).matches(".*[+-]\\d\\d:\\d\\d$");
      OffsetDateTime.parse(l.getString("ModificationTimestamp"));
      JsonArray media = l.getJsonArray("Media");
      sawNoPhotos |= media.isEmpty();
      for (int m = 0; m < media.size(); m++) {
        assertThat(media.getJsonObject(m).getString("MediaURL")).startsWith("https://").endsWith(".jpg");
        assertThat(media.getJsonObject(m).getInteger("Order")).isEqualTo(m + 1);
      }
    }
    assertThat(keys).hasSize(57);
    assertThat(sawCents).as("some prices have cents").isTrue();
    assertThat(sawNoPhotos).as("some listings have no photos yet").isTrue();
  }

  @Test
  void skipAndTopPageThroughTheListingsAndTheLastPageHasNoNextLink() {
    JsonObject page2 = get("/listings/Property?$top=5&$skip=5").json();
    assertThat(keysOf(page2)).containsExactly("RESO-10006", "RESO-10007", "RESO-10008", "RESO-10009", "RESO-10010");

    JsonObject last = get("/listings/Property?$top=10&$skip=50").json();
    assertThat(last.getJsonArray("value")).hasSize(7);
    assertThat(last.containsKey("@odata.nextLink")).isFalse();
    assertThat(last.getInteger("@odata.count")).isEqualTo(57);
  }

  @Test
  void percentEncodedParameterNamesAsTheProxySendsThemAreUnderstood() {
    JsonObject page = get("/listings/Property?%24skip=5&%24top=5").json();
    assertThat(keysOf(page)).startsWith("RESO-10006").hasSize(5);
  }

  @Test
  void topIsCappedAt200WithAnODataError() {
    assertThat(get("/listings/Property?$top=200").status()).isEqualTo(200);
    HttpResult tooMany = get("/listings/Property?$top=201");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().getJsonObject("error").getString("message")).contains("200");
  }

  @Test
  void negativeOrNonNumericPagingIsABadRequest() {
    assertThat(get("/listings/Property?$skip=-1").status()).isEqualTo(400);
    assertThat(get("/listings/Property?$top=ten").status()).isEqualTo(400);
  }

  @Test
  void cityFilterNarrowsTheCountAndTheNextLinkKeepsIt() {
    JsonObject austin = get("/listings/Property?$top=3&$filter=City%20eq%20%27Austin%27").json();
    assertThat(austin.getInteger("@odata.count")).isEqualTo(10);
    austin.getJsonArray("value").forEach(l -> assertThat(((JsonObject) l).getString("City")).isEqualTo("Austin"));
    assertThat(austin.getString("@odata.nextLink")).endsWith("$top=3&$skip=3&$filter=City%20eq%20%27Austin%27");

    JsonObject both = get("/listings/Property?$filter=City%20eq%20%27Austin%27%20and%20StandardStatus%20eq%20%27Active%27").json();
    assertThat(both.getInteger("@odata.count")).isEqualTo(4);
  }

  @Test
  void filtersBeyondSimpleTextEqualityAreRefused() {
    assertThat(get("/listings/Property?$filter=ListPrice%20gt%20300000").status()).isEqualTo(400);
    assertThat(get("/listings/Property?$filter=Garage%20eq%20%27yes%27").status()).isEqualTo(400);
  }

  @Test
  void oneListingByKeyInParenthesesPercentEncodedOrAsASegment() {
    JsonObject quoted = get("/listings/Property('RESO-10004')").json();
    assertThat(quoted.getString("ListingKey")).isEqualTo("RESO-10004");
    assertThat(quoted.getString("@odata.context")).endsWith("/listings/$metadata#Property/$entity");
    assertThat(quoted.getJsonArray("Media")).isEmpty();
    assertThat(get("/listings/Property%28%27RESO-10004%27%29").json()).isEqualTo(quoted);
    assertThat(get("/listings/Property/RESO-10004").json()).isEqualTo(quoted);
  }

  @Test
  void unknownKeysAndPathsAre404WithAnODataError() {
    HttpResult unknown = get("/listings/Property('RESO-99999')");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getJsonObject("error").getString("code")).isEqualTo("404");
    assertThat(get("/listings/Member").status()).isEqualTo(404);
  }

  @Test
  void answersTakeAtLeastTheAdvertised200Milliseconds() {
    HttpResult r = get("/listings/Property?$top=1");
    assertThat(r.millis()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void theSameRequestGivesTheSameListings() {
    assertThat(get("/listings/Property?$top=20").text()).isEqualTo(get("/listings/Property?$top=20").text());
  }

  private static java.util.List<String> keysOf(JsonObject collection) {
    return collection.getJsonArray("value").stream().map(l -> ((JsonObject) l).getString("ListingKey")).toList();
  }
}

package io.wplive.proxy.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 57 property listings behind {@link ListingsApi}, shaped like a RESO Data Dictionary
 * {@code Property} resource. Generated from the index alone, so every run (and every test) sees the
 * same listings; a few have no photos and some prices have cents, as real MLS data does.
 */
final class DemoListingData {
  static final int COUNT = 57;

  /** A market: where the listing is and the UTC offset its MLS writes timestamps in (November). */
  private record Market(String city, String state, String postalCode, String offset) {
  }

  private static final Market[] MARKETS = {
      new Market("Austin", "TX", "78704", "-06:00"),
      new Market("Denver", "CO", "80205", "-07:00"),
      new Market("Portland", "OR", "97214", "-08:00"),
      new Market("Raleigh", "NC", "27608", "-05:00"),
      new Market("Boise", "ID", "83702", "-07:00"),
      new Market("Madison", "WI", "53703", "-06:00"),
  };
  private static final String[] STREETS = {"Oak St", "Maple Ave", "Cedar Ln", "Elm Dr", "Willow Way", "Birch Rd", "Juniper Ct"};
  /** Mostly Active, as a public search shows; the other RESO statuses appear too. */
  private static final String[] STATUSES = {"Active", "Active", "Active", "Active", "Pending", "Active",
      "Active Under Contract", "Active", "Coming Soon", "Closed"};

  private DemoListingData() {
  }

  /** Every listing, ordered by ListingKey. */
  static List<JsonObject> all() {
    List<JsonObject> out = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      out.add(listing(i));
    }
    return out;
  }

  static JsonObject listing(int i) {
    Market m = MARKETS[i % MARKETS.length];
    String key = "RESO-" + (10001 + i);
    return new JsonObject()
        .put("ListingKey", key)
        .put("ListingId", "MLS" + (2400100 + i * 37))
        .put("StandardStatus", STATUSES[i % STATUSES.length])
        .put("ListPrice", price(i))
        .put("UnparsedAddress", (100 + i * 13) + " " + STREETS[i % STREETS.length])
        .put("City", m.city())
        .put("StateOrProvince", m.state())
        .put("PostalCode", m.postalCode())
        .put("BedroomsTotal", 1 + i % 5)
        .put("BathroomsTotalInteger", 1 + i % 3)
        .put("LivingArea", livingArea(i))
        .put("ModificationTimestamp", String.format(Locale.ROOT, "2026-11-%02dT%02d:%02d:00%s",
            1 + (i * 11) % 28, 8 + i % 10, (i * 7) % 60, m.offset()))
        .put("Media", media(key, i));
  }

  /** Whole dollars for most, cents on every fourth (a BigDecimal so no binary rounding creeps in). */
  private static BigDecimal price(int i) {
    long dollars = 189_000 + (i * 37_000L) % 900_000;
    return i % 4 == 1 ? new BigDecimal(dollars - 1 + ".99") : BigDecimal.valueOf(dollars);
  }

  private static BigDecimal livingArea(int i) {
    long sqft = 650 + (i * 113L) % 2800;
    return i % 6 == 2 ? new BigDecimal(sqft + ".5") : BigDecimal.valueOf(sqft);
  }

  /** One to four photos; every seventh listing has none yet, as freshly entered listings do. */
  private static JsonArray media(String key, int i) {
    JsonArray media = new JsonArray();
    int photos = i % 7 == 3 ? 0 : 1 + i % 4;
    for (int n = 1; n <= photos; n++) {
      media.add(new JsonObject()
          .put("MediaKey", key + "-M" + n)
          .put("MediaCategory", "Photo")
          .put("Order", n)
          .put("MediaURL", "https://photos.example.com/reso/" + key + "/" + n + ".jpg"));
    }
    return media;
  }
}

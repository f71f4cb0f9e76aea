package io.wplive.proxy.demo;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A WooCommerce-flavoured inventory API: {@code GET /products?page=&per_page=} and
 * {@code GET /products/{sku}}. 150 ms per answer and a budget of 10 requests per second, beyond
 * which it answers 429 with {@code Retry-After}, as the APIs this proxy protects do.
 */
final class InventoryApi extends DemoApi {
  static final int LIMIT_PER_SECOND = 10;
  private static final String[] ADJECTIVES = {"Oak", "Walnut", "Pine", "Steel", "Linen", "Velvet", "Marble", "Rattan", "Teak", "Glass"};
  private static final String[] NOUNS = {"table", "chair", "lamp", "shelf", "sofa", "desk", "stool", "cabinet", "bench", "mirror"};

  private final List<JsonObject> products = new ArrayList<>();
  private final Clock clock;
  private long windowSecond = -1;
  private int inWindow;

  InventoryApi(Clock clock) {
    this.clock = clock;
    for (int i = 0; i < 93; i++) {
      String sku = "A-" + (100 + i);
      products.add(new JsonObject()
          .put("sku", sku)
          .put("title", ADJECTIVES[i % ADJECTIVES.length] + " " + NOUNS[(i / ADJECTIVES.length) % NOUNS.length])
          .put("price", String.format(java.util.Locale.ROOT, "%d.%02d", 49 + (i * 37) % 900, (i * 13) % 100))
          .put("currency", "EUR")
          .put("stock_quantity", (i * 7) % 5 == 0 ? 0 : (i * 11) % 40)
          .put("in_stock", (i * 7) % 5 != 0)
          .put("updated_at", "2026-11-" + String.format("%02d", 1 + i % 28) + "T09:30:00+01:00"));
    }
  }

  @Override
  String name() {
    return "inventory";
  }

  @Override
  long latencyMs() {
    return 150;
  }

  /** A fixed one-second window: simple, and exactly what a vendor's "10 per second" means. */
  synchronized boolean overLimit() {
    long second = clock.millis() / 1000;
    if (second != windowSecond) {
      windowSecond = second;
      inWindow = 0;
    }
    return ++inWindow > LIMIT_PER_SECOND;
  }

  @Override
  void serve(HttpServerRequest req, String rest) {
    if (overLimit()) {
      req.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("message", "rate limit of " + LIMIT_PER_SECOND + " requests per second exceeded").encode());
      return;
    }
    if (rest.equals("/products")) {
      int page = intParam(req, "page", 1);
      int perPage = Math.min(100, intParam(req, "per_page", 20));
      int from = Math.min(products.size(), (Math.max(1, page) - 1) * Math.max(1, perPage));
      int to = Math.min(products.size(), from + Math.max(1, perPage));
      JsonArray items = new JsonArray(new ArrayList<>(products.subList(from, to)));
      req.response().putHeader("Content-Type", "application/json; charset=utf-8")
          .putHeader("X-Total-Count", Integer.toString(products.size()))
          .end(new JsonObject().put("products", items).put("total", products.size())
              .put("page", page).put("per_page", perPage).encode());
      return;
    }
    if (rest.startsWith("/products/")) {
      String sku = rest.substring("/products/".length());
      for (JsonObject p : products) {
        if (p.getString("sku").equals(sku)) {
          req.response().putHeader("Content-Type", "application/json; charset=utf-8").end(p.encode());
          return;
        }
      }
    }
    req.response().setStatusCode(404).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("message", "no such product").encode());
  }

  private static int intParam(HttpServerRequest req, String name, int def) {
    String v = req.getParam(name);
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return def;
    }
  }
}

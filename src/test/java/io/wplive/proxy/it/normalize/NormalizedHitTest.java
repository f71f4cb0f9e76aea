package io.wplive.proxy.it.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import org.junit.jupiter.api.Test;

/** SPEC §6: the hit path serves the stored envelope untouched, headers included. */
class NormalizedHitTest extends ProxyTestBase {
  private static final String BODY = "{\"items\":[{\"id\":\"A-1\",\"price\":\"12.50\",\"extra\":1},"
      + "{\"id\":\"A-2\",\"price\":3}],\"count\":93}";

  private void start() {
    startProxy(config("""
        - name: products
          path: /api/products
          upstream: api
          upstreamPath: /products
          cache: {ttl: 60s}
          normalize:
            format: json
            items: /items
            fields:
              id: /id
              price: {from: /price, type: number}
            total: /count
            pagination:
              style: page
              pageParam: page
              sizeParam: per_page
        """));
  }

  @Test
  void aHitServesTheStoredEnvelopeBytesUnchanged() {
    start();
    upstream.reply("/base/products", Reply.ok(BODY).header("X-Vendor", "secret-stuff"));
    HttpResult miss = http.get("/api/products?page=2&per_page=20");
    assertThat(miss.status()).as("answer %s", miss).isEqualTo(200);
    assertThat(miss.xCache()).isEqualTo("MISS");
    assertThat(miss.header("Content-Type")).startsWith("application/json");
    assertThat(miss.header("X-WP-Total")).isEqualTo("93");
    assertThat(miss.header("X-WP-TotalPages")).isEqualTo("5");
    JsonObject meta = miss.json().getJsonObject("meta");
    assertThat(meta.getString("route")).isEqualTo("products");
    assertThat(meta.getLong("total")).isEqualTo(93);
    assertThat(meta.getInteger("page")).isEqualTo(2);
    assertThat(meta.getInteger("perPage")).isEqualTo(20);
    assertThat(meta.getInteger("totalPages")).isEqualTo(5);
    assertThat(miss.json().getJsonArray("data").getJsonObject(0).containsKey("extra")).isFalse();

    clock.advance(1_500); // a hit later must not rebuild the envelope (fetchedAt stays)
    HttpResult hit = http.get("/api/products?page=2&per_page=20");
    assertThat(hit.status()).isEqualTo(200);
    assertThat(hit.xCache()).isEqualTo("HIT");
    assertThat(hit.body()).isEqualTo(miss.body());
    assertThat(hit.header("X-WP-Total")).isEqualTo("93");
    assertThat(hit.header("X-WP-TotalPages")).isEqualTo("5");
    assertThat(hit.header("Content-Type")).isEqualTo(miss.header("Content-Type"));
    assertThat(hit.header("X-Vendor")).isNull();
    assertThat(upstream.count("/base/products")).isEqualTo(1);

    HttpResult again = http.get("/api/products?page=2&per_page=20");
    assertThat(again.xCache()).isEqualTo("HIT");
    assertThat(again.body()).isEqualTo(miss.body());
    assertThat(upstream.count("/base/products")).isEqualTo(1);
  }

  @Test
  void theUpstreamGetsThePagingMappedToItsStyle() {
    start();
    upstream.reply("/base/products", Reply.ok(BODY));
    assertThat(http.get("/api/products?page=3&per_page=10").status()).isEqualTo(200);
    assertThat(upstream.last().query()).contains("page=3").contains("per_page=10");
  }
}

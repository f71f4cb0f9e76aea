package io.wplive.proxy.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InvalidationTest {
  static Stream<Invalidation> messages() {
    return Stream.of(
        Invalidation.keys(List.of("products|-|/items/A-100?page=1|", "listings|2|/homes/東京|accept-language=de"), false),
        Invalidation.keys(List.of(), true),
        Invalidation.route("products", false),
        Invalidation.tag("inventory", true).withOrigin("instance-1"),
        Invalidation.all(true));
  }

  @ParameterizedTest
  @MethodSource("messages")
  void jsonRoundTrips(Invalidation msg) {
    assertThat(Invalidation.fromJson(msg.toJson().encode())).isEqualTo(msg);
  }

  @Test
  void wireFormIsReadable() {
    assertThat(Invalidation.route("products", true).withOrigin("i1").toJson())
        .isEqualTo(new JsonObject("{\"kind\":\"route\",\"route\":\"products\",\"soft\":true,\"origin\":\"i1\"}"));
    assertThat(Invalidation.keys(List.of("k1"), false).toJson())
        .isEqualTo(new JsonObject("{\"kind\":\"keys\",\"keys\":[\"k1\"],\"soft\":false}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[]", "{}", "{\"kind\":\"nonsense\"}", "{\"kind\":\"route\"}",
      "{\"kind\":\"tag\",\"tag\":\"\"}", "{\"kind\":\"keys\"}",
      "{\"kind\":\"keys\",\"keys\":[null]}", "{\"kind\":\"all\",\"soft\":\"yes\"}", "{\"kind\":42}"})
  void anythingElseIsNull(String text) {
    assertThat(Invalidation.fromJson(text)).isNull();
  }

  @Test
  void routeAndTagNeedAName() {
    assertThatThrownBy(() -> Invalidation.route("", false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invalidation.tag(null, false)).isInstanceOf(IllegalArgumentException.class);
  }
}

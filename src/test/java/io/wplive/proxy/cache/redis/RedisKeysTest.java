package io.wplive.proxy.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisKeysTest {
  private final RedisKeys keys = new RedisKeys("wplp:");

  @Test
  void entryKeyIsAShortStableHashInAHashTag() {
    String k = "products|-|/items/A-100?page=1|";
    String entry = keys.entry(k);
    assertThat(entry).matches("wplp:e:\\{[A-Za-z0-9_-]{16}\\}");
    assertThat(keys.entry(k)).isEqualTo(entry);
    assertThat(keys.entry(k + "x")).isNotEqualTo(entry);
  }

  @Test
  void keysOfOneEntryShareTheHashTag() {
    String k = "listings|-|/homes/" + "x".repeat(5_000) + "|";
    String entry = keys.entry(k);
    String lock = keys.forEntry("l", k);
    assertThat(lock.substring(lock.indexOf('{'))).isEqualTo(entry.substring(entry.indexOf('{')));
    assertThat(entry.length()).isLessThan(40);
  }

  @Test
  void indexAndChannelNames() {
    assertThat(keys.routeIndex("products")).isEqualTo("wplp:r:{products}");
    assertThat(keys.tagIndex("inventory")).isEqualTo("wplp:t:{inventory}");
    assertThat(keys.allRoutes()).isEqualTo("wplp:routes");
    assertThat(keys.invalidationChannel()).isEqualTo("wplp:invalidate");
  }

  @Test
  void routeIsWhatPrecedesTheFirstBar() {
    assertThat(RedisKeys.routeOf("products|-|/items/A|")).isEqualTo("products");
    assertThat(RedisKeys.routeOf("no-bar")).isEqualTo("no-bar");
  }
}

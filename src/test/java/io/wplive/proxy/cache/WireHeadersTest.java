package io.wplive.proxy.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pre-encoded headers an entry replays: every stored pair plus validators, never an invalid field. */
class WireHeadersTest {
  @Test
  void storedHeadersThenValidatorsInOrder() {
    CharSequence[] w = WireHeaders.render(List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-WP-Total", "93")),
        "\"v1\"", "Mon, 30 Nov 2026 10:00:00 GMT");
    assertThat(Arrays.stream(w).map(CharSequence::toString)).containsExactly(
        "Content-Type", "application/json", "X-WP-Total", "93", "etag", "\"v1\"", "last-modified", "Mon, 30 Nov 2026 10:00:00 GMT");
  }

  @Test
  void aPairThatIsNotAValidFieldIsLeftOut() {
    CharSequence[] w = WireHeaders.render(List.of(Map.entry("X-Ok", "1"), Map.entry("X-Evil", "a\r\nSet-Cookie: x=1"),
        Map.entry("Bad Name", "v")), "\"e\"\n", null);
    assertThat(Arrays.stream(w).map(CharSequence::toString)).containsExactly("X-Ok", "1");
  }

  @Test
  void theEntryRendersOnceAndKeepsIt() {
    CachedResponse e = CachedResponse.builder().headers(List.of(Map.entry("Content-Type", "text/plain"))).etag("\"a\"").build();
    assertThat(e.wireHeaders()).isSameAs(e.wireHeaders()).hasSize(4);
  }
}

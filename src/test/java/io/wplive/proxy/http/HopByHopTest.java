package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9110 §7.6.1 hop-by-hop headers, plus the names Connection lists. */
class HopByHopTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te",
      "trailer", "transfer-encoding", "upgrade"})
  void alwaysDropped(String name) {
    assertThat(HopByHop.isAlways(name)).isTrue();
    assertThat(HopByHop.namesFor(List.of())).contains(name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"content-type", "etag", "x-wp-total", "link", "cache-control"})
  void endToEndKept(String name) {
    assertThat(HopByHop.isAlways(name)).isFalse();
    assertThat(HopByHop.namesFor(List.of("close"))).doesNotContain(name);
  }

  @org.junit.jupiter.api.Test
  void connectionListedNamesAreDroppedToo() {
    assertThat(HopByHop.namesFor(List.of("close, X-Secret-Hop", " X-Other ,,"))).contains("x-secret-hop", "x-other", "close",
        "keep-alive");
  }
}

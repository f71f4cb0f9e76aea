package io.wplive.proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 X-Request-Id: echoed when the client sent a sane one, generated otherwise. */
class RequestIdsTest {
  private static final String GENERATED = "[0-9a-f]{1,12}-[0-9a-f]+";

  @ParameterizedTest(name = "kept: {0}")
  @ValueSource(strings = {"abc", "req-123", "0f8fad5b-d9cb-469f-a165-70867728950e", "a.b_c:d", "X"})
  void saneClientIdsAreEchoed(String given) {
    assertThat(RequestIds.fromClient(given)).isEqualTo(given);
  }

  @ParameterizedTest(name = "replaced: [{0}]")
  @NullAndEmptySource
  @ValueSource(strings = {"a b", "a\r\nSet-Cookie: x=y", "a\nb", "<script>", "a\"b", "a,b", "a;b", "ü", "a\tb", "a/b"})
  void unsafeClientIdsAreReplaced(String given) {
    String id = RequestIds.fromClient(given);
    assertThat(id).isNotEqualTo(given).matches(GENERATED);
  }

  @Test
  void lengthLimitIs128() {
    assertThat(RequestIds.fromClient("a".repeat(128))).isEqualTo("a".repeat(128));
    assertThat(RequestIds.fromClient("a".repeat(129))).matches(GENERATED);
  }

  @Test
  void generatedIdsAreUnique() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      ids.add(RequestIds.next());
    }
    assertThat(ids).hasSize(2_000).allMatch(s -> s.matches(GENERATED));
  }
}

package io.wplive.proxy.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesFrom250msUpTo5s() {
    Backoff b = new Backoff();
    assertThat(LongStream.generate(b::nextDelayMs).limit(8).toArray())
        .containsExactly(250, 500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000);
  }

  @Test
  void resetStartsOver() {
    Backoff b = new Backoff();
    b.nextDelayMs();
    b.nextDelayMs();
    b.reset();
    assertThat(b.nextDelayMs()).isEqualTo(250);
  }
}

package io.wplive.proxy.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A timed-out command is confirmed with a probe before Redis counts as DOWN; a lost connection is not. */
class RedisAvailabilityTest {
  private Vertx vertx;
  private final List<Promise<Void>> probes = new CopyOnWriteArrayList<>();
  private final List<Boolean> changes = new CopyOnWriteArrayList<>();
  private final AtomicInteger probeCount = new AtomicInteger();
  private RedisAvailability availability;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    availability = new RedisAvailability(vertx, "test Redis", () -> {
      probeCount.incrementAndGet();
      Promise<Void> p = Promise.promise();
      probes.add(p);
      return p.future();
    });
    availability.addListener(changes::add);
  }

  @AfterEach
  void tearDown() {
    availability.close();
    vertx.close().await();
  }

  @Test
  void aTimeoutAnsweredByTheProbeKeepsRedisUp() {
    availability.suspect(new TimeoutException("GET took too long"));
    assertThat(availability.isUp()).as("undecided while the probe runs").isTrue();
    probes.get(0).complete();
    assertThat(availability.isUp()).isTrue();
    assertThat(changes).isEmpty();
  }

  @Test
  void aTimeoutWhoseProbeFailsTurnsRedisDown() {
    availability.suspect(new TimeoutException("GET took too long"));
    probes.get(0).fail(new TimeoutException("PING took too long"));
    assertThat(availability.isUp()).isFalse();
    assertThat(changes).containsExactly(false);
  }

  @Test
  void manyTimeoutsAtOnceSendOneProbe() {
    for (int i = 0; i < 50; i++) {
      availability.suspect(new TimeoutException("burst"));
    }
    assertThat(probeCount).hasValue(1);
    probes.get(0).complete();
    availability.suspect(new TimeoutException("later"));
    assertThat(probeCount).as("a later timeout is checked again").hasValue(2);
  }

  @Test
  void aLostConnectionTurnsRedisDownAtOnce() {
    availability.markDown(new IllegalStateException("CONNECTION_CLOSED"));
    assertThat(availability.isUp()).isFalse();
    assertThat(changes).containsExactly(false);
    assertThat(probeCount).as("the recovery probe waits for its backoff").hasValue(0);
  }

  @Test
  void aTimeoutWhileDownSendsNoExtraProbe() {
    availability.markDown(new IllegalStateException("CONNECTION_CLOSED"));
    availability.suspect(new TimeoutException("late answer"));
    assertThat(probeCount).hasValue(0);
  }
}

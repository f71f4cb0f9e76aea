package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.wplive.proxy.support.redis.Await;
import io.wplive.proxy.support.redis.RedisFixture;
import io.wplive.proxy.support.redis.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two buses stand for two proxy instances sharing one Redis. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class InvalidationBusTest {
  private static final Duration DELIVERY = Duration.ofSeconds(5);

  private final List<InvalidationBus> buses = new ArrayList<>();
  private RedisFixture ownRedis;

  @AfterEach
  void tearDown() {
    buses.forEach(b -> result(b.close()));
    if (ownRedis != null) {
      ownRedis.close();
    }
  }

  private InvalidationBus bus(Vertx vertx, RedisFixture redis, String prefix, List<Invalidation> received) {
    InvalidationBus b = new InvalidationBus(vertx, redis.tierOptions(prefix), received::add);
    buses.add(b);
    return b;
  }

  @Test
  void aMessageFromOneInstanceReachesBothIncludingItself(Vertx vertx) {
    String prefix = RedisFixture.newKeyPrefix();
    List<Invalidation> atA = new CopyOnWriteArrayList<>();
    List<Invalidation> atB = new CopyOnWriteArrayList<>();
    InvalidationBus a = bus(vertx, RedisFixture.shared(), prefix, atA);
    InvalidationBus b = bus(vertx, RedisFixture.shared(), prefix, atB);
    result(a.start());
    result(b.start());
    assertThat(a.subscribed()).isTrue();
    assertThat(a.channel()).isEqualTo(prefix + "invalidate");

    result(a.publish(Invalidation.tag("inventory", false)));

    Await.until(() -> atA.size() == 1 && atB.size() == 1, DELIVERY, "both instances got the message");
    Invalidation got = atB.get(0);
    assertThat(got.kind()).isEqualTo(Invalidation.Kind.TAG);
    assertThat(got.name()).isEqualTo("inventory");
    assertThat(got.soft()).isFalse();
    assertThat(got.origin()).isEqualTo(a.instanceId()).isNotEqualTo(b.instanceId());
  }

  @Test
  void everyKindArrivesAsSent(Vertx vertx) {
    String prefix = RedisFixture.newKeyPrefix();
    List<Invalidation> received = new CopyOnWriteArrayList<>();
    InvalidationBus publisher = bus(vertx, RedisFixture.shared(), prefix, new CopyOnWriteArrayList<>());
    InvalidationBus subscriber = bus(vertx, RedisFixture.shared(), prefix, received);
    result(publisher.start());
    result(subscriber.start());
    List<Invalidation> sent = List.of(
        Invalidation.keys(List.of("products|-|/items/A-100?page=1|", "listings|-|/homes/Zürich|"), false),
        Invalidation.route("products", true),
        Invalidation.tag("inventory", true),
        Invalidation.all(false));
    for (Invalidation msg : sent) {
      result(publisher.publish(msg));
    }
    Await.until(() -> received.size() == sent.size(), DELIVERY, "all messages arrived");
    for (int i = 0; i < sent.size(); i++) {
      assertThat(received.get(i)).isEqualTo(sent.get(i).withOrigin(publisher.instanceId()));
    }
  }

  @Test
  void othersOnTheChannelAndOtherPrefixesAreIgnored(Vertx vertx) {
    String prefix = RedisFixture.newKeyPrefix();
    List<Invalidation> received = new CopyOnWriteArrayList<>();
    List<Invalidation> otherProxy = new CopyOnWriteArrayList<>();
    InvalidationBus bus = bus(vertx, RedisFixture.shared(), prefix, received);
    InvalidationBus other = bus(vertx, RedisFixture.shared(), RedisFixture.newKeyPrefix(), otherProxy);
    result(bus.start());
    result(other.start());
    Redis raw = Redis.createClient(vertx, RedisFixture.shared().url());
    try {
      result(raw.send(Request.cmd(Command.PUBLISH).arg(bus.channel()).arg("not json")));
      result(raw.send(Request.cmd(Command.PUBLISH).arg(bus.channel()).arg("{\"kind\":\"nonsense\"}")));
    } finally {
      result(raw.close());
    }
    result(bus.publish(Invalidation.route("products", false)));
    Await.until(() -> received.size() == 1, DELIVERY, "the valid message arrived");
    Await.sleep(100);
    assertThat(received).extracting(Invalidation::kind).containsExactly(Invalidation.Kind.ROUTE);
    assertThat(otherProxy).isEmpty();
  }

  @Test
  void resubscribesWhenRedisComesBack(Vertx vertx) {
    assumeTrue(RedisServerProcess.onPath(), "needs redis-server on the PATH to kill and restart");
    ownRedis = RedisFixture.startLocal();
    String prefix = RedisFixture.newKeyPrefix();
    List<Invalidation> received = new CopyOnWriteArrayList<>();
    List<Boolean> changes = new CopyOnWriteArrayList<>();
    InvalidationBus bus = bus(vertx, ownRedis, prefix, received);
    bus.onSubscriptionChange(changes::add);
    result(bus.start());

    ownRedis.kill();
    Await.until(() -> !bus.subscribed(), DELIVERY, "the bus notices the lost connection");
    assertThat(Await.failure(bus.publish(Invalidation.all(false))))
        .as("publishing while Redis is down fails, so the caller can apply it locally")
        .isNotNull();

    ownRedis.restart();
    Await.until(bus::subscribed, Duration.ofSeconds(20), "the bus resubscribes");
    // the flag is set before the listeners hear of it
    Await.until(() -> changes.size() >= 3, DELIVERY, "the listener hears of the resubscription");
    assertThat(changes).containsExactly(true, false, true);
    result(bus.publish(Invalidation.route("products", false)));
    Await.until(() -> received.size() == 1, DELIVERY, "messages flow again");
  }

  @Test
  void startFailsWithoutRedisButKeepsTrying(Vertx vertx) {
    assumeTrue(RedisServerProcess.onPath(), "needs redis-server on the PATH to kill and restart");
    ownRedis = RedisFixture.startLocal();
    ownRedis.kill();
    List<Invalidation> received = new CopyOnWriteArrayList<>();
    InvalidationBus bus = bus(vertx, ownRedis, RedisFixture.newKeyPrefix(), received);
    Await.failure(bus.start());
    assertThat(bus.subscribed()).isFalse();
    ownRedis.restart();
    Await.until(bus::subscribed, Duration.ofSeconds(20), "the bus subscribes once Redis is up");
    result(bus.publish(Invalidation.tag("t", false)));
    Await.until(() -> received.size() == 1, DELIVERY, "messages flow");
  }
}

package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.ProxyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7: "Entries carry Redis TTLs" (operators run Redis with {@code volatile-lru}, which only
 * ever evicts keys with a TTL). Nothing the fleet writes (entries, purge indexes, heartbeats,
 * budgets, cooldowns, locks) may live forever.
 */
class RedisKeysExpireTest extends FleetTestBase {

  @Test
  void everyKeyTheFleetWritesHasATtl() {
    AtomicInteger n = new AtomicInteger();
    upstream.respond(r -> n.incrementAndGet() == 3
        ? Reply.status(429, "{}").header("Retry-After", "2")
        : Reply.ok("{\"path\":\"" + r.path() + "\"}").header("ETag", "\"e" + n.get() + "\""));
    Config c = config().upstream("rateLimit: {requests: 50, per: 1s}")
        .route("items", "{ttl: 60s, staleWhileRevalidate: 30s, staleIfError: 1h, tags: [inv, other]}");
    ProxyFixture a = startInstance(c);
    ProxyFixture b = startInstance(c);
    awaitFleetSize(a, 2);
    a.http().get("/api/items/1");
    b.http().get("/api/items/2");
    b.http().get("/api/items/3"); // the 429: a cooldown key
    assertThat(purge(a, "{\"path\":\"/api/items/2\",\"soft\":true}").status()).isEqualTo(200);

    List<String> keys = RedisPeek.keys(redis().url(), keyPrefix + "*");
    Map<String, Long> ttls = new TreeMap<>();
    List<String> forever = new ArrayList<>();
    for (String k : keys) {
      long pttl = RedisPeek.pttl(redis().url(), k);
      ttls.put(k.substring(keyPrefix.length()), pttl);
      if (pttl == -1) {
        forever.add(k);
      }
    }
    report("keys under the prefix and their PTTL (ms): %s", ttls);
    assertThat(ttls.keySet()).as("kinds of keys written").anyMatch(k -> k.startsWith("e:")).anyMatch(k -> k.startsWith("r:"))
        .anyMatch(k -> k.startsWith("t:")).anyMatch(k -> k.equals("instances"));
    assertThat(forever).as("keys without a TTL").isEmpty();
  }
}

package io.wplive.proxy.bench;

import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.cache.MemoryTier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link MemoryTier#getNow(String)}: the L1 lookup of every request, over 1,000 entries of 2 KB
 * (the wrk scenario), keyed as {@code CacheKeys} keys them. The key Strings are built once, so their
 * hash codes are cached: this is the lookup alone (a request's freshly built key pays one
 * {@code String.hashCode} more, ~10 ns for 40 characters).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryTierBench {
  static final int KEYS = 1000;
  static final int ORDER = 4096; // a power of two

  MemoryTier tier;
  String[] keys;
  int[] order;
  int i;
  String hotKey;
  String missKey = "products|-|/api/v2/items/SKU-999999|";

  @Setup
  public void setup() {
    Clock clock = Clock.systemUTC();
    tier = new MemoryTier(64L * 1024 * 1024, clock);
    long now = clock.millis();
    byte[] body = new byte[2048];
    keys = new String[KEYS];
    for (int k = 0; k < KEYS; k++) {
      keys[k] = "products|-|/api/v2/items/SKU-" + String.format("%06d", k) + "|";
      tier.putNow(keys[k], CachedResponse.builder()
          .status(200)
          .headers(List.of(Map.entry("content-type", "application/json")))
          .body(Buffer.buffer(body))
          .etag("\"wplp-" + k + "\"")
          .storedAt(now)
          .freshUntil(now + 3_600_000)
          .sieUntil(now + 7_200_000)
          .routeName("products")
          .build());
    }
    hotKey = keys[123];
    order = new int[ORDER];
    Random r = new Random(42);
    for (int k = 0; k < ORDER; k++) {
      order[k] = r.nextInt(KEYS);
    }
    if (tier.getNow(hotKey) == null) {
      throw new IllegalStateException("entry not stored");
    }
  }

  /** One hot key (wrk scenario a). */
  @Benchmark
  public CachedResponse getHot() {
    return tier.getNow(hotKey);
  }

  /** 1,000 keys at random (wrk scenario b). */
  @Benchmark
  public CachedResponse getRandom() {
    return tier.getNow(keys[order[i++ & (ORDER - 1)]]);
  }

  @Benchmark
  public CachedResponse getMiss() {
    return tier.getNow(missKey);
  }
}

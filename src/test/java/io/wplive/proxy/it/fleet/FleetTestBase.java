package io.wplive.proxy.it.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.Blocking;
import io.wplive.proxy.support.FakeUpstream;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.MutableClock;
import io.wplive.proxy.support.ProxyFixture;
import io.wplive.proxy.support.redis.RedisFixture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the fleet integration tests (issues 4 and 5): several {@link ProxyFixture proxies}
 * ("instances") on one Redis with one key prefix, in front of a {@link FakeUpstream}. Each test
 * gets a fresh upstream, a fresh key prefix (on the shared Redis unless the test starts its own
 * killable one) and one {@link MutableClock} shared by its instances; everything is stopped
 * after each test, in reverse order of creation.
 *
 * <p>Measured numbers are printed with {@link #report} (surefire keeps them in
 * {@code target/surefire-reports/<class>-output.txt}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class FleetTestBase {
  static final String ADMIN_TOKEN = "fleet-admin-token-0123456789";

  protected final MutableClock clock = new MutableClock();
  protected final String keyPrefix = RedisFixture.newKeyPrefix();
  protected FakeUpstream upstream;
  private RedisFixture redis;
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  @BeforeEach
  void startFleetUpstream() {
    upstream = closeLater(new FakeUpstream().start());
  }

  @AfterEach
  void stopFleet() throws Exception {
    Exception first = null;
    long start = System.nanoTime();
    while (!toClose.isEmpty()) {
      try {
        AutoCloseable c = toClose.pop();
        long t0 = System.nanoTime();
        c.close();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        if (ms > 500) {
          report("closing %s took %d ms", c.getClass().getSimpleName(), ms);
        }
      } catch (Exception | AssertionError e) {
        if (first == null) {
          first = e instanceof Exception ex ? ex : new IllegalStateException(e);
        }
      }
    }
    report("teardown %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    if (first != null) {
      throw first;
    }
  }

  /** Closed after the test, before anything created earlier. */
  protected <T extends AutoCloseable> T closeLater(T c) {
    toClose.push(c);
    return c;
  }

  /** The Redis of this test: the JVM-wide one unless {@link #useLocalRedis()} was called first. */
  protected RedisFixture redis() {
    if (redis == null) {
      redis = RedisFixture.shared();
    }
    return redis;
  }

  /** A redis-server of this test's own, which it may kill, freeze and restart. */
  protected RedisFixture useLocalRedis() {
    redis = closeLater(RedisFixture.startLocal());
    return redis;
  }

  // ---- configuration ----

  /** One route {@code name} at {@code /api/<name>/:id} → {@code /<name>/:id} with the given cache section. */
  static String route(String name, String cache) {
    return "  - name: " + name + "\n"
        + "    path: /api/" + name + "/:id\n"
        + "    upstream: api\n"
        + "    upstreamPath: /" + name + "/:id\n"
        + (cache == null ? "" : "    cache: " + cache + "\n");
  }

  /** Builds a fleet instance's YAML. */
  final class Config {
    private String upstreamUrl = upstream.url();
    private String timeout = "5s"; // the SPEC default; tests about deadlines set their own
    private final List<String> upstreamLines = new ArrayList<>();
    private final StringBuilder routes = new StringBuilder();
    private String server = "";
    /**
     * 2 s, as {@link RedisFixture#tierOptions(String)} uses for busy machines: with 500 ms, a host
     * at load 16 on 2 cores made single commands time out, which turns the tier DOWN (one timeout
     * is enough) and switches coalescing and the shared budget off mid-test. Outage tests set
     * 500 ms themselves.
     */
    private String commandTimeout = "2s";
    private boolean withRedis = true;

    Config upstreamUrl(String url) {
      upstreamUrl = url;
      return this;
    }

    Config timeout(String t) {
      timeout = t;
      return this;
    }

    /** A line under {@code upstreams.api}, e.g. {@code "rateLimit: {requests: 5, per: 1s}"}. */
    Config upstream(String line) {
      upstreamLines.add(line);
      return this;
    }

    Config route(String name, String cache) {
      routes.append(FleetTestBase.route(name, cache));
      return this;
    }

    /** Raw route YAML (items starting with "  - "). */
    Config routes(String yaml) {
      routes.append(yaml.endsWith("\n") ? yaml : yaml + "\n");
      return this;
    }

    /** Extra {@code server} options, e.g. {@code "shutdownGrace: 1s"}. */
    Config server(String extra) {
      server = ", " + extra;
      return this;
    }

    Config commandTimeout(String t) {
      commandTimeout = t;
      return this;
    }

    Config withoutRedis() {
      withRedis = false;
      return this;
    }

    String yaml() {
      StringBuilder y = new StringBuilder()
          .append("server: {host: 127.0.0.1, port: 0").append(server).append("}\n")
          .append("logging: {access: false}\n");
      if (withRedis) {
        y.append("redis: {url: \"").append(redis().url()).append("\", keyPrefix: \"").append(keyPrefix)
            .append("\", commandTimeout: ").append(commandTimeout).append("}\n");
      }
      y.append("admin: {token: \"${ADMIN_TOKEN}\"}\n")
          .append("upstreams:\n")
          .append("  api:\n")
          .append("    baseUrl: ").append(upstreamUrl).append("/base\n")
          .append("    timeout: ").append(timeout).append("\n");
      for (String l : upstreamLines) {
        y.append("    ").append(l).append("\n");
      }
      y.append("routes:\n").append(routes);
      return y.toString();
    }
  }

  Config config() {
    return new Config();
  }

  /** Starts one instance of the fleet (stopped after the test). */
  protected ProxyFixture startInstance(Config c) {
    return startInstance(c.yaml());
  }

  protected ProxyFixture startInstance(String yaml) {
    if (yaml.contains("\nredis:")) {
      warmUpRedisClient();
    }
    ProxyFixture p = startInstanceAsIs(yaml);
    if (yaml.contains("\nredis:")) {
      // a cold JVM's first Redis connection can exceed a short commandTimeout: begin with Redis UP
      awaitReady(p, "redis UP after start", Duration.ofSeconds(10), j -> "UP".equals(j.getJsonObject("checks").getString("redis")));
    }
    return p;
  }

  private static volatile boolean warm;

  /** Loads the Redis client's classes once per JVM, so a proxy's first command is not slowed by it. */
  private void warmUpRedisClient() {
    if (!warm) {
      RedisPeek.keys(redis().url(), "warm-up-*");
      warm = true;
    }
  }

  /** Starts an instance without waiting for its Redis (outage tests). */
  protected ProxyFixture startInstanceAsIs(String yaml) {
    Map<String, String> env = new HashMap<>();
    env.put("ADMIN_TOKEN", ADMIN_TOKEN);
    long t0 = System.nanoTime();
    ProxyFixture p = closeLater(ProxyFixture.start(yaml, env, clock));
    report("instance on port %d started in %d ms", p.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return p;
  }

  // ---- observations ----

  static JsonObject ready(ProxyFixture p) {
    HttpResult r = p.http().get("/health/ready");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    return r.json().put("httpStatus", r.status());
  }

  static JsonObject health(ProxyFixture p) {
    return p.http().get("/health").json();
  }

  /** Polls {@code /health/ready} until {@code check} holds; returns the last answer and the time it took. */
  static JsonObject awaitReady(ProxyFixture p, String what, Duration max, java.util.function.Predicate<JsonObject> check) {
    long start = System.nanoTime();
    JsonObject last = null;
    while (System.nanoTime() - start < max.toNanos()) {
      last = ready(p);
      if (check.test(last)) {
        return last.put("waitedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      Blocking.sleep(50);
    }
    throw new AssertionError("not within " + max + ": " + what + "; last /health/ready: " + last);
  }

  /** Waits until the instance's invalidation channel is subscribed (purges of peers reach it). */
  static void awaitSubscribed(ProxyFixture p) {
    awaitTrue(() -> Boolean.TRUE.equals(health(p).getJsonObject("cache").getJsonObject("redis")
        .getBoolean("invalidationSubscribed")), Duration.ofSeconds(10), "invalidation channel subscribed");
  }

  /** Waits until the instance's heartbeat saw {@code n} instances alive. */
  static void awaitFleetSize(ProxyFixture p, int n) {
    awaitTrue(() -> health(p).getJsonObject("cache").getJsonObject("redis").getInteger("instances", 0) == n,
        Duration.ofSeconds(10), n + " instances seen by the heartbeat");
  }

  /** Polls {@code condition} every 20 ms; returns the ms it took. */
  static long awaitTrue(BooleanSupplier condition, Duration max, String what) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > max.toNanos()) {
        throw new AssertionError("not within " + max + ": " + what);
      }
      Blocking.sleep(20);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Waits for every answer (in order); a request that failed fails the test. */
  static List<HttpResult> collect(List<Future<HttpResult>> fs, Duration max) {
    Blocking.await(Future.join(fs), max.toMillis(), TimeUnit.MILLISECONDS);
    List<HttpResult> out = new ArrayList<>();
    for (Future<HttpResult> f : fs) {
      if (f.failed()) {
        throw new AssertionError("request failed: " + f.cause(), f.cause());
      }
      out.add(f.result());
    }
    return out;
  }

  static Future<HttpResult> get(ProxyFixture p, String uri) {
    return p.http().send(HttpMethod.GET, uri, null, null);
  }

  static HttpResult purge(ProxyFixture p, String json) {
    return p.http().post("/admin/purge", json, "Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
  }

  /** Asserts the SPEC §4 error shape and returns the {@code error} object. */
  static JsonObject assertJsonError(HttpResult r, int status, String code) {
    assertThat(r.status()).as("answer %s", r).isEqualTo(status);
    assertThat(r.header("Content-Type")).as("answer %s", r).startsWith("application/json");
    JsonObject err = r.error();
    assertThat(err.getString("code")).as("answer %s", r).isEqualTo(code);
    assertThat(err.getInteger("status")).isEqualTo(status);
    return err;
  }

  /** Retry-After in whole seconds, asserted present and at least 1. */
  static long retryAfter(HttpResult r) {
    String ra = r.header("Retry-After");
    assertThat(ra).as("Retry-After of %s", r).isNotNull().matches("\\d+");
    long s = Long.parseLong(ra);
    assertThat(s).as("Retry-After of %s", r).isGreaterThanOrEqualTo(1);
    return s;
  }

  void report(String format, Object... args) {
    System.out.println("[fleet] " + getClass().getSimpleName() + ": " + String.format(java.util.Locale.ROOT, format, args));
  }
}

package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.MultiMap;
import io.wplive.proxy.config.RouteCacheOptions;
import io.wplive.proxy.config.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §4 freshness and "Never cached", RFC 9111 §3–4 in honorCacheControl mode. The clock is a
 * value: {@link #NOW} is 2023-11-14T22:13:20Z, a Tuesday.
 */
class StoragePolicyTest {
  static final long NOW = 1_700_000_000_000L;
  static final String DATE_NOW = "Tue, 14 Nov 2023 22:13:20 GMT";
  static final String NOW_PLUS_300 = "Tue, 14 Nov 2023 22:18:20 GMT";
  static final String NOW_MINUS_100 = "Tue, 14 Nov 2023 22:11:40 GMT";
  static final String NOW_MINUS_3600 = "Tue, 14 Nov 2023 21:13:20 GMT";
  static final String NOW_MINUS_1800 = "Tue, 14 Nov 2023 21:43:20 GMT";
  static final String ETAG = "ETag: \"v1\"";
  static final String LAST_MODIFIED = "Last-Modified: Mon, 13 Nov 2023 10:00:00 GMT";

  /** "honor" = a route with no cache section; anything else is the body of {@code cache: { … }}. */
  static RouteCacheOptions route(String cache) {
    if (cache.equals("honor")) {
      return RouteCacheOptions.honorUpstream();
    }
    return ROUTES.computeIfAbsent(cache,
        c -> TestConfigs.parse(TestConfigs.oneRoute("cache: { " + c + " }")).routes().get(0).cache());
  }

  private static final java.util.Map<String, RouteCacheOptions> ROUTES = new java.util.concurrent.ConcurrentHashMap<>();

  /** Lines of {@code Name: value}. */
  static MultiMap headers(String... lines) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    for (String l : lines) {
      int c = l.indexOf(':');
      h.add(l.substring(0, c).trim(), l.substring(c + 1).trim());
    }
    return h;
  }

  /** What the tables compare: {@code no REASON}, or the windows in seconds relative to NOW / freshUntil. */
  static String describe(StoragePolicy.Decision d) {
    if (!d.store()) {
      return "no " + d.reason();
    }
    List<String> out = new ArrayList<>();
    out.add("fresh=" + (d.freshUntil() - NOW) / 1000.0);
    out.add("swr=" + (d.swrUntil() - d.freshUntil()) / 1000.0);
    out.add("sie=" + (d.sieUntil() - d.freshUntil()) / 1000.0);
    if (d.mustRevalidate()) {
      out.add("must-revalidate");
    }
    if (d.initialAgeMs() != 0) {
      out.add("age=" + d.initialAgeMs() / 1000.0);
    }
    return String.join(" ", out).replace(".0", "");
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // honorCacheControl, no route ttl: explicit freshness or a validator, or nothing
        row("nothing said", 200, "honor", List.of(), "no NO-FRESHNESS"),
        row("public alone is no freshness", 200, "honor", List.of("Cache-Control: public"), "no NO-FRESHNESS"),
        row("max-age", 200, "honor", List.of("Cache-Control: max-age=60"), "fresh=60 swr=0 sie=0"),
        row("max-age=0 without validator", 200, "honor", List.of("Cache-Control: max-age=0"), "no STALE-ON-ARRIVAL"),
        row("max-age=0 with validator", 200, "honor", List.of("Cache-Control: max-age=0", ETAG), "fresh=0 swr=0 sie=0"),
        row("no-store", 200, "honor", List.of("Cache-Control: no-store, max-age=60"), "no NO-STORE"),
        row("no-store on a second line", 200, "honor", List.of("Cache-Control: max-age=60", "Cache-Control: no-store"),
            "no NO-STORE"),
        row("private", 200, "honor", List.of("Cache-Control: private, max-age=60"), "no PRIVATE"),
        row("qualified private", 200, "honor", List.of("Cache-Control: private=\"X-User\", max-age=60"), "no PRIVATE"),
        row("no-cache with ETag: stored, fresh 0, revalidate", 200, "honor", List.of("Cache-Control: no-cache", ETAG),
            "fresh=0 swr=0 sie=0 must-revalidate"),
        row("no-cache with Last-Modified", 200, "honor", List.of("Cache-Control: no-cache, max-age=60", LAST_MODIFIED),
            "fresh=0 swr=0 sie=0 must-revalidate"),
        row("no-cache without validator", 200, "honor", List.of("Cache-Control: no-cache, max-age=60"), "no STALE-ON-ARRIVAL"),
        row("s-maxage beats max-age", 200, "honor", List.of("Cache-Control: max-age=60, s-maxage=120"),
            "fresh=120 swr=0 sie=0 must-revalidate"),
        row("s-maxage=0 beats max-age", 200, "honor", List.of("Cache-Control: s-maxage=0, max-age=60"), "no STALE-ON-ARRIVAL"),
        row("Expires minus Date", 200, "honor", List.of("Date: " + DATE_NOW, "Expires: " + NOW_PLUS_300),
            "fresh=300 swr=0 sie=0"),
        row("Expires without Date", 200, "honor", List.of("Expires: " + NOW_PLUS_300), "fresh=300 swr=0 sie=0"),
        row("Expires before Date", 200, "honor", List.of("Date: " + NOW_PLUS_300, "Expires: " + DATE_NOW),
            "no STALE-ON-ARRIVAL"),
        row("max-age beats Expires", 200, "honor", List.of("Cache-Control: max-age=60", "Expires: " + NOW_PLUS_300),
            "fresh=60 swr=0 sie=0"),
        row("invalid Expires is stale", 200, "honor", List.of("Expires: 0"), "no STALE-ON-ARRIVAL"),
        row("invalid Expires with ETag", 200, "honor", List.of("Expires: 0", ETAG), "fresh=0 swr=0 sie=0"),
        row("invalid Expires with a route ttl fallback", 200, "ttl: 60s, honorCacheControl: true", List.of("Expires: -1"),
            "no STALE-ON-ARRIVAL"),
        row("Age subtracts", 200, "honor", List.of("Cache-Control: max-age=60", "Age: 20"), "fresh=40 swr=0 sie=0 age=20"),
        row("Age beyond max-age", 200, "honor", List.of("Cache-Control: max-age=60", "Age: 90"), "no STALE-ON-ARRIVAL"),
        row("Age beyond max-age with validator", 200, "honor", List.of("Cache-Control: max-age=60", "Age: 90", ETAG),
            "fresh=0 swr=0 sie=0 age=90"),
        row("garbage Age ignored", 200, "honor", List.of("Cache-Control: max-age=60", "Age: soon"), "fresh=60 swr=0 sie=0"),
        row("must-revalidate", 200, "honor", List.of("Cache-Control: max-age=60, must-revalidate"),
            "fresh=60 swr=0 sie=0 must-revalidate"),
        row("proxy-revalidate", 200, "honor", List.of("Cache-Control: max-age=60, proxy-revalidate"),
            "fresh=60 swr=0 sie=0 must-revalidate"),
        row("s-maxage alone", 200, "honor", List.of("Cache-Control: s-maxage=60"), "fresh=60 swr=0 sie=0 must-revalidate"),
        row("stale-while-revalidate directive", 200, "honor", List.of("Cache-Control: max-age=60, stale-while-revalidate=30"),
            "fresh=60 swr=30 sie=0"),
        row("stale-if-error directive", 200, "honor", List.of("Cache-Control: max-age=60, stale-if-error=600"),
            "fresh=60 swr=0 sie=600"),
        row("route fallbacks for stale windows", 200, "staleWhileRevalidate: 10s, staleIfError: 1h",
            List.of("Cache-Control: max-age=60"), "fresh=60 swr=10 sie=3600"),
        row("directives beat route fallbacks", 200, "staleWhileRevalidate: 10s, staleIfError: 1h",
            List.of("Cache-Control: max-age=60, stale-while-revalidate=5, stale-if-error=0"), "fresh=60 swr=5 sie=0"),
        row("unknown directives ignored", 200, "honor", List.of("Cache-Control: foo, max-age=60, bar=\"baz\", immutable"),
            "fresh=60 swr=0 sie=0"),
        row("quoted max-age", 200, "honor", List.of("Cache-Control: max-age=\"60\""), "fresh=60 swr=0 sie=0"),
        row("directive inside a quoted value is not a directive", 200, "honor",
            List.of("Cache-Control: ext=\"no-store, private\", max-age=60"), "fresh=60 swr=0 sie=0"),
        row("ETag alone", 200, "honor", List.of(ETAG), "fresh=0 swr=0 sie=0"),
        row("Last-Modified alone", 200, "honor", List.of(LAST_MODIFIED), "fresh=0 swr=0 sie=0"),
        row("Vary: *", 200, "honor", List.of("Cache-Control: max-age=60", "Vary: *"), "no VARY-STAR"),
        row("Vary listing *", 200, "honor", List.of("Cache-Control: max-age=60", "Vary: Accept-Encoding, *"), "no VARY-STAR"),
        row("Vary: * on a second line", 200, "honor", List.of("Cache-Control: max-age=60", "Vary: Accept", "Vary: *"),
            "no VARY-STAR"),
        row("Vary on a header is stored", 200, "honor", List.of("Cache-Control: max-age=60", "Vary: Accept-Language"),
            "fresh=60 swr=0 sie=0"),
        row("Set-Cookie (honor)", 200, "honor", List.of("Cache-Control: public, max-age=60", "Set-Cookie: a=b"), "no SET-COOKIE"),
        row("Set-Cookie (fixed ttl)", 200, "ttl: 60s", List.of("Set-Cookie: a=b"), "no SET-COOKIE"),
        row("set-cookie in lower case", 200, "ttl: 60s", List.of("set-cookie: a=b"), "no SET-COOKIE"),
        // honorCacheControl with a route ttl: explicit upstream freshness wins, ttl is the fallback
        row("ttl fallback", 200, "ttl: 60s, honorCacheControl: true", List.of(), "fresh=60 swr=0 sie=0"),
        row("explicit max-age beats ttl", 200, "ttl: 60s, honorCacheControl: true", List.of("Cache-Control: max-age=5"),
            "fresh=5 swr=0 sie=0"),
        row("no-store beats ttl", 200, "ttl: 60s, honorCacheControl: true", List.of("Cache-Control: no-store"), "no NO-STORE"),
        // negative answers
        row("404 with negativeTtl (honor)", 404, "negativeTtl: 10s", List.of(), "fresh=10 swr=0 sie=0"),
        row("404 without negativeTtl (honor)", 404, "honor", List.of(), "no NO-FRESHNESS"),
        row("404 with explicit max-age (honor)", 404, "honor", List.of("Cache-Control: max-age=30"), "fresh=30 swr=0 sie=0"),
        row("404 negativeTtl off (fixed)", 404, "ttl: 60s", List.of(), "no NEGATIVE-TTL-OFF"),
        row("404 negativeTtl (fixed)", 404, "ttl: 60s, negativeTtl: 10s", List.of(), "fresh=10 swr=0 sie=0"),
        row("410 negativeTtl (fixed)", 410, "ttl: 60s, negativeTtl: 10s", List.of("Cache-Control: max-age=999"),
            "fresh=10 swr=0 sie=0"),
        // fixed-ttl mode ignores the upstream's freshness headers
        row("fixed ttl, nothing said", 200, "ttl: 60s", List.of(), "fresh=60 swr=0 sie=0"),
        row("fixed ttl ignores no-store", 200, "ttl: 60s", List.of("Cache-Control: no-store"), "fresh=60 swr=0 sie=0"),
        row("fixed ttl ignores no-cache", 200, "ttl: 60s", List.of("Cache-Control: no-cache", "Pragma: no-cache"),
            "fresh=60 swr=0 sie=0"),
        row("fixed ttl ignores max-age", 200, "ttl: 60s", List.of("Cache-Control: max-age=5, must-revalidate"),
            "fresh=60 swr=0 sie=0"),
        row("fixed ttl ignores Age and Expires", 200, "ttl: 60s", List.of("Age: 30", "Expires: 0"), "fresh=60 swr=0 sie=0"),
        row("fixed ttl stale windows", 200, "ttl: 60s, staleWhileRevalidate: 30s, staleIfError: 24h",
            List.of("Cache-Control: stale-while-revalidate=1"), "fresh=60 swr=30 sie=86400"),
        row("fixed ttl 250ms", 200, "ttl: 250ms", List.of(), "fresh=0.25 swr=0 sie=0"),
        row("honorCacheControl false and no ttl", 200, "honorCacheControl: false", List.of("Cache-Control: max-age=60"),
            "no NO-TTL"));
  }

  static Arguments row(String name, int status, String route, List<String> headers, String expected) {
    return arguments(name, status, route, headers, expected);
  }

  @ParameterizedTest(name = "{0}: {1} {3} → {4}")
  @MethodSource("table")
  void decides(String name, int status, String route, List<String> headerLines, String expected) {
    StoragePolicy.Decision d = StoragePolicy.decide(status, headers(headerLines.toArray(new String[0])), route(route), false, NOW);
    assertThat(describe(d)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "status {0} is never stored")
  @ValueSource(ints = {100, 201, 202, 205, 206, 302, 303, 304, 307, 400, 401, 403, 405, 409, 422, 429, 500, 502, 503, 504})
  void uncacheableStatuses(int status) {
    assertThat(StoragePolicy.cacheableStatus(status)).isFalse();
    MultiMap h = headers("Cache-Control: public, max-age=60", ETAG);
    assertThat(describe(StoragePolicy.decide(status, h, route("honor"), false, NOW))).isEqualTo("no UNCACHEABLE-STATUS");
    assertThat(describe(StoragePolicy.decide(status, h, route("ttl: 60s, negativeTtl: 60s"), false, NOW)))
        .isEqualTo("no UNCACHEABLE-STATUS");
  }

  @ParameterizedTest(name = "status {0} may be stored")
  @ValueSource(ints = {200, 203, 204, 300, 301, 308, 404, 410})
  void cacheableStatuses(int status) {
    assertThat(StoragePolicy.cacheableStatus(status)).isTrue();
    assertThat(StoragePolicy.decide(status, headers("Cache-Control: max-age=60"), route("honor"), false, NOW).store()).isTrue();
    assertThat(StoragePolicy.decide(status, headers(), route("ttl: 60s, negativeTtl: 10s"), false, NOW).store()).isTrue();
  }

  /** RFC 9111 §3.5: an answer to a request with Authorization is shared only when the origin says so. */
  @ParameterizedTest(name = "credentials + [{0}] → {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "max-age=60|no AUTHORIZATION",
      "private, max-age=60|no PRIVATE",
      "public, max-age=60|fresh=60 swr=0 sie=0",
      "s-maxage=60|fresh=60 swr=0 sie=0 must-revalidate",
      "max-age=60, must-revalidate|fresh=60 swr=0 sie=0 must-revalidate",
      "max-age=60, proxy-revalidate|no AUTHORIZATION",
  })
  void requestsWithCredentials(String cacheControl, String expected) {
    MultiMap h = headers("Cache-Control: " + cacheControl);
    assertThat(describe(StoragePolicy.decide(200, h, route("honor"), true, NOW))).isEqualTo(expected);
    assertThat(StoragePolicy.decide(200, h, route("honor"), false, NOW).store())
        .as("without credentials").isEqualTo(!cacheControl.startsWith("private"));
  }

  /** SPEC §4 "Never cached: responses to requests carrying credentials the route forwards" — in every mode. */
  @Test
  void fixedTtlNeverStoresAnswersToRequestsWithCredentials() {
    assertThat(StoragePolicy.decide(200, headers(), route("ttl: 60s"), true, NOW).store()).isFalse();
  }

  /**
   * RFC 9111 §4.2.3: the age of a response is at least its apparent age, now − Date. An answer
   * dated an hour ago whose Expires passed half an hour ago is already stale on arrival; the
   * Expires − Date lifetime must not restart at receipt.
   */
  @Test
  void expiresInThePastIsStaleEvenWhenDateIsOlder() {
    StoragePolicy.Decision d = StoragePolicy.decide(200, headers("Date: " + NOW_MINUS_3600, "Expires: " + NOW_MINUS_1800),
        route("honor"), false, NOW);
    assertThat(describe(d)).isEqualTo("no STALE-ON-ARRIVAL");
  }

  @Test
  void apparentAgeCountsAgainstMaxAge() {
    StoragePolicy.Decision d = StoragePolicy.decide(200, headers("Date: " + NOW_MINUS_100, "Cache-Control: max-age=300"),
        route("honor"), false, NOW);
    assertThat(d.freshUntil()).isLessThanOrEqualTo(NOW + 200_000);
  }

  @Test
  void theClockIsTheValuePassedIn() {
    MultiMap h = headers("Cache-Control: max-age=60");
    assertThat(StoragePolicy.decide(200, h, route("honor"), false, 5_000).freshUntil()).isEqualTo(65_000);
    assertThat(StoragePolicy.decide(200, h, route("honor"), false, 7_000).freshUntil()).isEqualTo(67_000);
  }
}

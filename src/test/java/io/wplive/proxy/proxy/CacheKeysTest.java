package io.wplive.proxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.wplive.proxy.config.ProxyConfig;
import io.wplive.proxy.config.TestConfigs;
import io.wplive.proxy.http.PercentCoding;
import io.wplive.proxy.http.QueryString;
import io.wplive.proxy.routing.RouteMatch;
import io.wplive.proxy.routing.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §4 cache key: route name + path params + query after allow/defaults (sorted, repeats in
 * order, RFC 3986, + as space) + varyHeaders values + normalize schema version. The same request
 * in any spelling gives the same key and the same upstream URI.
 */
class CacheKeysTest {
  private static final String ROUTES = TestConfigs.UPSTREAM + """
      routes:
        - name: list
          path: /api/items
          upstream: inv
          upstreamPath: /items
        - name: allowed
          path: /api/allowed
          upstream: inv
          upstreamPath: /items
          query:
            allow: [page, per_page, tag]
            defaults: { per_page: "20" }
        - name: item
          path: /api/items/:sku
          upstream: inv
          upstreamPath: /items/:sku
          query: { allow: [] }
        - name: vary
          path: /api/vary
          upstream: inv
          upstreamPath: /v
          cache: { ttl: 60s, varyHeaders: [Accept-Language, X-Region] }
        - name: files
          path: /api/files/*
          upstream: inv
          upstreamPath: /store/*
        - name: defaults
          path: /api/d
          upstream: inv
          upstreamPath: /d
          query: { defaults: { sort: name, per_page: "10" } }
      """;
  private static final RouteTable TABLE = TestConfigs.parse(ROUTES).routeTable();
  private static final MultiMap NO_HEADERS = MultiMap.caseInsensitiveMultiMap();

  static RequestTarget resolve(RouteTable table, String path, String query, MultiMap headers) {
    RouteMatch m = table.match(path);
    assertThat(m).as("route for %s", path).isNotNull();
    return CacheKeys.resolve(m, "/base", query, 100, headers);
  }

  static RequestTarget resolve(String path, String query) {
    return resolve(TABLE, path, query, NO_HEADERS);
  }

  @ParameterizedTest(name = "{0}?{1} → {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "/api/items|<null>|/base/items",
      "/api/items|``|/base/items",
      "/api/items|b=2&a=1|/base/items?a=1&b=2",
      "/api/items|q=red+shoes|/base/items?q=red%20shoes",
      "/api/items|a=%41|/base/items?a=A",
      "/api/items|tag=b&tag=a&a=1|/base/items?a=1&tag=b&tag=a",
      "/api/items|a=caf%c3%a9|/base/items?a=caf%C3%A9",
      "/api/allowed|page=2&utm_source=x&per_page=50|/base/items?page=2&per_page=50",
      "/api/allowed|page=2|/base/items?page=2&per_page=20",
      "/api/allowed|utm=1|/base/items?per_page=20",
      "/api/allowed|<null>|/base/items?per_page=20",
      "/api/allowed|tag=x&PAGE=3&tag=y|/base/items?per_page=20&tag=x&tag=y",
      "/api/allowed|per_page=|/base/items?per_page=",
      "/api/items/A-1|page=2&x=1|/base/items/A-1",
      "/api/items/A%2d1|<null>|/base/items/A-1",
      "/api/items/caf%c3%a9|<null>|/base/items/caf%C3%A9",
      "/api/items/café|<null>|/base/items/caf%C3%A9",
      "/api/items/a%20b|<null>|/base/items/a%20b",
      "/api/items/a+b|<null>|/base/items/a%2Bb",
      "/api/items/a%2Fb|<null>|/base/items/a%2Fb",
      "/api/items/%7E|<null>|/base/items/~",
      "/api/files/a/b%20c.txt|<null>|/base/store/a/b%20c.txt",
      "/api/files/a%2fb/c|<null>|/base/store/a%2Fb/c",
      "/api/files/|<null>|/base/store/",
      "/api/d|sort=price|/base/d?per_page=10&sort=price",
      "/api/d|<null>|/base/d?per_page=10&sort=name",
  })
  void upstreamUri(String path, String query, String expected) {
    assertThat(resolve(path, query).upstreamUri()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}?{1} = {2}?{3}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "/api/items|a=1&b=2|/api/items|b=2&a=1",
      "/api/items|a=1&b=2|/api/items|%61=1&b=%32",
      "/api/items|q=red+shoes|/api/items|q=red%20shoes",
      "/api/items|<null>|/api/items|``",
      "/api/items|<null>|/api/items|&&",
      "/api/allowed|page=2&utm=1|/api/allowed|page=2&utm=2",
      "/api/allowed|page=2&utm=1|/api/allowed|page=2",
      "/api/allowed|page=2|/api/allowed|page=2&per_page=20",
      "/api/allowed|page=2|/api/allowed|per_page=20&page=2&random=9f8e7d",
      "/api/items/A-1|<null>|/api/items/A%2D1|<null>",
      "/api/items/A-1|x=1|/api/items/A-1|y=2",
      "/api/files/a/b|<null>|/api/files/%61/%62|<null>",
  })
  void sameRequestSameKey(String path1, String query1, String path2, String query2) {
    assertThat(resolve(path1, query1).cacheKey()).isEqualTo(resolve(path2, query2).cacheKey());
  }

  @ParameterizedTest(name = "{0}?{1} ≠ {2}?{3}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "/api/items|a=1|/api/items|a=2",
      "/api/items|tag=a&tag=b|/api/items|tag=b&tag=a",
      "/api/items|a=1|/api/items|<null>",
      "/api/items|a=%2B|/api/items|a=+",
      "/api/allowed|page=1|/api/allowed|page=2",
      "/api/allowed|per_page=50|/api/allowed|<null>",
      "/api/items/A-1|<null>|/api/items/A-2|<null>",
      "/api/items/a%2Fb|<null>|/api/files/a/b|<null>",
      "/api/items|<null>|/api/allowed|<null>",
  })
  void differentRequestsDifferentKeys(String path1, String query1, String path2, String query2) {
    assertThat(resolve(path1, query1).cacheKey()).isNotEqualTo(resolve(path2, query2).cacheKey());
  }

  @Test
  void sameUpstreamUriOnTwoRoutesIsTwoKeys() {
    RequestTarget list = resolve("/api/items", "per_page=20");
    RequestTarget allowed = resolve("/api/allowed", null);
    assertThat(list.upstreamUri()).isEqualTo(allowed.upstreamUri());
    assertThat(list.cacheKey()).isNotEqualTo(allowed.cacheKey());
    assertThat(list.cacheKey()).startsWith("list|");
    assertThat(allowed.cacheKey()).startsWith("allowed|");
  }

  @Test
  void keyStartsWithRouteNameAndSchemaVersion() {
    assertThat(resolve("/api/items", null).cacheKey()).startsWith("list|-|");
    assertThat(resolve("/api/items", null).cacheKey()).startsWith(TABLE.byName("list").keyPrefix());
  }

  @ParameterizedTest(name = "Accept-Language [{0}] X-Region [{1}] vs [{2}] [{3}]: same {4}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "<null>", value = {
      "en|eu|en|eu|true",
      "en|<null>|` en `|<null>|true",
      "en|eu|de|eu|false",
      "en|eu|en|us|false",
      "en|<null>|<null>|<null>|false",
      "<null>|en|en|<null>|false",
      "a&b|<null>|a|b|false",
      "a,b|<null>|a|b|false",
  })
  void varyHeadersSplitTheKey(String lang1, String region1, String lang2, String region2, boolean same) {
    String k1 = resolve(TABLE, "/api/vary", null, headers(lang1, region1)).cacheKey();
    String k2 = resolve(TABLE, "/api/vary", null, headers(lang2, region2)).cacheKey();
    assertThat(k1.equals(k2)).as("%s vs %s", k1, k2).isEqualTo(same);
  }

  @Test
  void varyHeaderNamesAreCaseInsensitive() {
    MultiMap upper = MultiMap.caseInsensitiveMultiMap().add("ACCEPT-LANGUAGE", "en");
    MultiMap lower = MultiMap.caseInsensitiveMultiMap().add("accept-language", "en");
    assertThat(resolve(TABLE, "/api/vary", null, upper).cacheKey()).isEqualTo(resolve(TABLE, "/api/vary", null, lower).cacheKey());
  }

  @Test
  void headersOutsideVaryHeadersDoNotSplitTheKey() {
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Accept-Language", "en").add("Cookie", "a=b").add("User-Agent", "x");
    assertThat(resolve(TABLE, "/api/vary", null, h).cacheKey())
        .isEqualTo(resolve(TABLE, "/api/vary", null, headers("en", null)).cacheKey());
    assertThat(resolve(TABLE, "/api/items", null, h).cacheKey()).isEqualTo(resolve("/api/items", null).cacheKey());
  }

  @Test
  void normalizeSchemaVersionIsInTheKey() {
    String a = normalizedKey("normalize: { items: /a }");
    String aAgain = normalizedKey("normalize: { items: /a }");
    String b = normalizedKey("normalize: { items: /b }");
    String withField = normalizedKey("normalize: { items: /a, fields: { id: /id } }");
    String none = normalizedKey("");
    assertThat(a).isEqualTo(aAgain);
    assertThat(a).isNotEqualTo(b).isNotEqualTo(withField).isNotEqualTo(none);
    ProxyConfig c = TestConfigs.parse(TestConfigs.oneRoute("normalize: { items: /a }"));
    assertThat(a).startsWith("r|" + c.routes().get(0).normalize().schemaVersion() + "|");
  }

  private static String normalizedKey(String routeLines) {
    RouteTable t = TestConfigs.parse(TestConfigs.oneRoute(routeLines)).routeTable();
    return resolve(t, "/api/r", null, NO_HEADERS).cacheKey();
  }

  @ParameterizedTest(name = "malformed: {0}?{1}")
  @CsvSource(delimiter = '|', nullValues = "<null>", value = {
      "/api/items|a=%zz", "/api/items|%zz=1", "/api/items|a=%", "/api/items|a=%c0%ae", "/api/allowed|page=%zz",
      "/api/items/%zz|<null>", "/api/items/%c0%ae|<null>", "/api/files/a/%zz|<null>",
  })
  void malformedEscapesAreRefused(String path, String query) {
    assertThatThrownBy(() -> resolve(path, query)).isInstanceOf(PercentCoding.MalformedException.class);
  }

  @Test
  void tooManyParamsAreRefused() {
    RouteMatch m = TABLE.match("/api/items");
    assertThatThrownBy(() -> CacheKeys.resolve(m, "/base", "a=1&b=2&c=3", 2, NO_HEADERS))
        .isInstanceOf(QueryString.TooManyParamsException.class);
    assertThat(CacheKeys.resolve(m, "/base", "a=1&b=2", 2, NO_HEADERS).upstreamUri()).isEqualTo("/base/items?a=1&b=2");
  }

  /** Parameters a route does not allow still count against the limit: they were received. */
  @Test
  void droppedParamsStillCountAgainstTheLimit() {
    RouteMatch m = TABLE.match("/api/allowed");
    assertThatThrownBy(() -> CacheKeys.resolve(m, "/base", "x=1&y=2&z=3", 2, NO_HEADERS))
        .isInstanceOf(QueryString.TooManyParamsException.class);
  }

  @Test
  void emptyBasePath() {
    RouteMatch m = TABLE.match("/api/items/A-1");
    assertThat(CacheKeys.resolve(m, "", null, 100, NO_HEADERS).upstreamUri()).isEqualTo("/items/A-1");
  }

  private static MultiMap headers(String lang, String region) {
    MultiMap h = MultiMap.caseInsensitiveMultiMap();
    if (lang != null) {
      h.add("Accept-Language", lang);
    }
    if (region != null) {
      h.add("X-Region", region);
    }
    return h;
  }
}

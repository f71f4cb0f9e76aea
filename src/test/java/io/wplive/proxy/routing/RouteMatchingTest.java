package io.wplive.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.config.TestConfigs;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3 route precedence: exact paths, then {@code :param} paths (more literal segments first),
 * then {@code /*} prefixes (longest first); ties in file order; case-sensitive; trailing slash
 * significant; a param never matches an empty segment.
 */
class RouteMatchingTest {
  /** Listed deliberately out of precedence order, so the table cannot pass by file order alone. */
  private static final RouteTable TABLE = TestConfigs.parse(TestConfigs.routes(
      "apiPrefix /api/*",
      "kindId /api/:kind/:id",
      "sku /api/products/:sku",
      "productsPrefix /api/products/*",
      "reviews /api/products/:sku/reviews",
      "products /api/products",
      "tenantFiles /t/:tenant/files/*",
      "caseSensitive /Case/Path",
      "withSlash /slash/",
      "withoutSlash /noslash",
      "home /")).routeTable();

  /**
   * {@code params} are joined with {@code ;}, "-" = none; {@code rest} "<null>" = not a prefix
   * route; route "<none>" = no route matches (the table has no root {@code /*}, see
   * {@link #rootPrefixCatchesEverythingElse}).
   */
  @ParameterizedTest(name = "{0} → {1} {2} rest={3}")
  @CsvSource(nullValues = "<null>", value = {
      "/api/products,                 products,       -,          <null>",
      "/api/products/A1,              sku,            A1,         <null>",
      "/api/products/A%2D1,           sku,            A%2D1,      <null>",
      "/api/things/7,                 kindId,         things;7,   <null>",
      "/api/products/A1/reviews,      reviews,        A1,         <null>",
      "/api/products/A1/other,        productsPrefix, -,          A1/other",
      "/api/products/A1/reviews/,     productsPrefix, -,          A1/reviews/",
      "/api/products/,                productsPrefix, -,          ''",
      "/api/products/a/b/c,           productsPrefix, -,          a/b/c",
      "/api/x,                        apiPrefix,      -,          x",
      "/api/x/y/z/w,                  apiPrefix,      -,          x/y/z/w",
      "/api/,                         apiPrefix,      -,          ''",
      "/api//7,                       apiPrefix,      -,          /7",
      "/api/things/,                  apiPrefix,      -,          things/",
      "/api,                          <none>,           -,          <null>",
      "/API/products,                 <none>,           -,          <null>",
      "/api/Products,                 apiPrefix,      -,          Products",
      "/Case/Path,                    caseSensitive,  -,          <null>",
      "/case/path,                    <none>,           -,          <null>",
      "/slash/,                       withSlash,      -,          <null>",
      "/slash,                        <none>,           -,          <null>",
      "/noslash,                      withoutSlash,   -,          <null>",
      "/noslash/,                     <none>,           -,          <null>",
      "/,                             home,           -,          <null>",
      "/anything/at/all,              <none>,           -,          <null>",
      "/t/acme/files/a/b.txt,         tenantFiles,    acme,       a/b.txt",
      "/t/acme/files/,                tenantFiles,    acme,       ''",
      "/t/acme/files,                 <none>,           -,          <null>",
      "/t//files/x,                   <none>,           -,          <null>",
  })
  void matches(String path, String route, String params, String rest) {
    RouteMatch m = TABLE.match(path);
    if (route.equals("<none>")) {
      assertThat(m).as("no match for %s", path).isNull();
      return;
    }
    assertThat(m).as("a match for %s", path).isNotNull();
    assertThat(m.route().name()).isEqualTo(route);
    assertThat(String.join(";", m.params())).isEqualTo(params.equals("-") ? "" : params);
    assertThat(m.rest()).isEqualTo(rest);
  }

  @ParameterizedTest(name = "no route for {0}")
  @ValueSource(strings = {"/p", "/p/", "/p//", "/p/a/b", "/P/a", "/x", "/", "/q/a/", "/q/a//x"})
  void paramsNeverMatchEmptySegmentsAndNothingElseMatches(String path) {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("p /p/:id", "q /q/:a/:b")).routeTable();
    assertThat(t.match(path)).isNull();
  }

  @Test
  void longestPrefixWinsWhateverTheFileOrder() {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("short /a/*", "long /a/b/*", "longer /a/b/c/*")).routeTable();
    assertThat(t.match("/a/b/c/d").route().name()).isEqualTo("longer");
    assertThat(t.match("/a/b/c/d").rest()).isEqualTo("d");
    assertThat(t.match("/a/b/x").route().name()).isEqualTo("long");
    assertThat(t.match("/a/x").route().name()).isEqualTo("short");
    assertThat(t.match("/a/b").route().name()).isEqualTo("short");
  }

  @Test
  void moreLiteralSegmentsWinWhateverTheFileOrder() {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("none /:a/:b/:c", "one /x/:b/:c", "two /x/y/:c")).routeTable();
    assertThat(t.match("/x/y/z").route().name()).isEqualTo("two");
    assertThat(t.match("/x/q/z").route().name()).isEqualTo("one");
    assertThat(t.match("/w/q/z").route().name()).isEqualTo("none");
  }

  @Test
  void exactBeatsParamBeatsPrefix() {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("prefix /a/*", "param /a/:id", "exact /a/b")).routeTable();
    assertThat(t.match("/a/b").route().name()).isEqualTo("exact");
    assertThat(t.match("/a/c").route().name()).isEqualTo("param");
    assertThat(t.match("/a/c/d").route().name()).isEqualTo("prefix");
  }

  /**
   * Equal precedence (same number of literal segments, same length) is decided by file order,
   * whatever the routes' param names: renaming {@code :id} to {@code :identifier} must not
   * change which route answers.
   */
  @ParameterizedTest(name = "first: {0}, second: {1}")
  @CsvSource({
      "/a/:x,          /:y/b",
      "/:y/b,          /a/:x",
      "/a/:x,          /:longername/b",
      "/:longername/b, /a/:x",
      "/:y/b,          /a/:longername",
      "/a/:longername, /:y/b",
  })
  void paramTiesGoToTheFirstInFileOrder(String first, String second) {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("first " + first, "second " + second)).routeTable();
    assertThat(t.match("/a/b").route().name()).isEqualTo("first");
  }

  @ParameterizedTest(name = "first: {0}, second: {1}")
  @CsvSource({
      "/:t/x/*,          /y/:u/*",
      "/y/:u/*,          /:t/x/*",
      "/:t/x/*,          /y/:tenant/*",
      "/y/:tenant/*,     /:t/x/*",
  })
  void prefixTiesGoToTheFirstInFileOrder(String first, String second) {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("first " + first, "second " + second)).routeTable();
    assertThat(t.match("/y/x/z").route().name()).isEqualTo("first");
  }

  /** SPEC §4 documents {@code path: /*} as the general-purpose shared cache route. */
  @ParameterizedTest(name = "{0} → {1} rest={2}")
  @CsvSource(nullValues = "<null>", value = {
      "/api/x,      api,  <null>",
      "/api,        root, api",
      "/apix/y,     root, apix/y",
      "/,           root, ''",
      "/a/b/,       root, a/b/",
      "/API/x,      root, API/x",
  })
  void rootPrefixCatchesEverythingElse(String path, String route, String rest) {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("root /*", "api /api/x")).routeTable();
    assertThat(t.match(path).route().name()).isEqualTo(route);
    assertThat(t.match(path).rest()).isEqualTo(rest);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({"/*, PREFIX", "/a/*, PREFIX", "/a/:b/*, PREFIX", "/a/:b, PARAM", "/a/b, EXACT", "/, EXACT"})
  void patternKinds(String path, PathPattern.Kind kind) {
    assertThat(PathPattern.parse(path).kind()).isEqualTo(kind);
  }

  @Test
  void rootPrefixTakesTheWholePathAsRest() {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("all /*")).routeTable();
    assertThat(t.match("/").rest()).isEqualTo("");
    assertThat(t.match("/a").rest()).isEqualTo("a");
    assertThat(t.match("/a/b/").rest()).isEqualTo("a/b/");
    assertThat(t.match("/a%2Fb").rest()).isEqualTo("a%2Fb");
  }

  @Test
  void matchingUsesTheRawPath() {
    RouteTable t = TestConfigs.parse(TestConfigs.routes("p /p/:id", "e /e/x")).routeTable();
    assertThat(t.match("/p/caf%C3%A9").params()).containsExactly("caf%C3%A9");
    assertThat(t.match("/p/a%2Fb").params()).as("values stay encoded until CacheKeys").containsExactly("a%2Fb");
  }

  @ParameterizedTest(name = "{0} reserved: {1}")
  @CsvSource({
      "/health, true", "/healthz, true", "/health/live, true", "/metrics, true", "/metrics/x, true",
      "/admin, true", "/admin/purge, true", "/hooks/inv, true", "/__demo/inventory/mode, true",
      "/api, false", "/metricsx, false", "/administrator, false", "/hooksx, false", "/api/health, false", "/, false",
  })
  void reservedPaths(String path, boolean reserved) {
    assertThat(RouteTable.isReserved(path)).isEqualTo(reserved);
  }

  @Test
  void byNameAndSize() {
    assertThat(TABLE.size()).isEqualTo(11);
    assertThat(TABLE.byName("sku").pattern().kind()).isEqualTo(PathPattern.Kind.PARAM);
    assertThat(TABLE.byName("products").pattern().kind()).isEqualTo(PathPattern.Kind.EXACT);
    assertThat(TABLE.byName("apiPrefix").pattern().kind()).isEqualTo(PathPattern.Kind.PREFIX);
    assertThat(TABLE.byName("tenantFiles").pattern().paramNames()).containsExactly("tenant");
    assertThat(TABLE.byName("nope")).isNull();
  }

  @ParameterizedTest(name = "{0}: Allow {1}")
  @CsvSource(delimiter = '|', value = {
      "[GET]|GET, HEAD",
      "[POST]|POST",
      "[DELETE, GET, POST]|GET, HEAD, POST, DELETE",
      "[\"*\"]|GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  })
  void allowHeader(String methods, String allow) {
    RouteTable t = TestConfigs.parse(TestConfigs.oneRoute("methods: " + methods)).routeTable();
    assertThat(t.byName("r").allowHeader()).isEqualTo(allow);
    Arrays.stream(allow.split(", ")).forEach(m -> assertThat(t.byName("r").allows(m)).as(m).isTrue());
  }
}

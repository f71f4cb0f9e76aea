package io.wplive.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.wplive.proxy.config.TestConfigs;
import io.wplive.proxy.http.PercentCoding;
import io.wplive.proxy.proxy.CacheKeys;
import io.wplive.proxy.proxy.RequestTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3 upstreamPath: params substituted (percent-encoded), {@code /*} appends the rest. */
class UpstreamPathTemplateTest {
  /** {@code params} joined with {@code ;} ("-" = none), rest "<null>" = none. */
  @ParameterizedTest(name = "{0} ← {1} with {2} → {4}")
  @CsvSource(nullValues = "<null>", value = {
      "/p/:sku,          /items/:sku,            A-1,       <null>,  /items/A-1",
      "/p/:sku,          /items/:sku.json,       A-1,       <null>,  /items/A-1.json",
      "/p/:sku,          /items/:sku/stock,      A-1,       <null>,  /items/A-1/stock",
      "/p/:a/:b,         /x/:b/:a,               1;2,       <null>,  /x/2/1",
      "/p/:a/:b,         /x/:a/y/:a,             1;2,       <null>,  /x/1/y/1",
      "/p/:sku,          /static,                A-1,       <null>,  /static",
      "/p/:sku,          /p/:sku,                caf%C3%A9, <null>,  /p/caf%C3%A9",
      "/files/*,         /store/*,               -,         a/b.txt, /store/a/b.txt",
      "/files/*,         /store/*,               -,         '',      /store/",
      "/files/*,         /store/*,               -,         <null>,  /store/",
      "/files/*,         /*,                     -,         a/b,     /a/b",
      "/*,               /*,                     -,         x/y,     /x/y",
      "/*,               /v2/*,                  -,         '',      /v2/",
      "/t/:tenant/f/*,   /tenants/:tenant/*,     acme,      a/b,     /tenants/acme/a/b",
      "/files/*,         /fixed,                 -,         a/b,     /fixed",
  })
  void renders(String path, String template, String params, String rest, String expected) {
    PathPattern pattern = PathPattern.parse(path);
    UpstreamPathTemplate t = UpstreamPathTemplate.compile(template, pattern);
    StringBuilder out = new StringBuilder();
    t.render(out, params.equals("-") ? new String[0] : params.split(";"), rest);
    assertThat(out).hasToString(expected);
  }

  @ParameterizedTest(name = "{1} for route {0}: {2}")
  @CsvSource(delimiter = '|', value = {
      "/p/:sku|/items/:id|:id is not a parameter of the route path /p/:sku",
      "/p/:sku|/items/:|: is not a parameter of the route path /p/:sku",
      "/p/:sku|items/:sku|must start with /",
      "/p/:sku|/items/*|ends in /* but the route path has no /*",
      "/p/*|/items/*/x|* is only allowed as the last segment, /*",
      "/p/:sku|/items/:sku*|* is only allowed as the last segment, /*",
  })
  void rejects(String path, String template, String message) {
    PathPattern pattern = PathPattern.parse(path);
    assertThatThrownBy(() -> UpstreamPathTemplate.compile(template, pattern))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static final RouteTable HOSTILE_TABLE = TestConfigs.parse(TestConfigs.UPSTREAM + """
      routes:
        - name: item
          path: /p/:sku/detail
          upstream: inv
          upstreamPath: /items/:sku/info
        - name: files
          path: /f/*
          upstream: inv
          upstreamPath: /store/*
      """).routeTable();

  /**
   * SPEC §4 "No open proxy": whatever a client puts in a param or in the rest of a {@code /*}
   * route, either the request is refused before routing (PathGuard), refused as malformed, or the
   * upstream path keeps exactly the shape of the template: same segments, no dot segment, no
   * extra slash, only canonical escapes.
   */
  @ParameterizedTest(name = "hostile value {0}")
  @ValueSource(strings = {"..", ".", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%252e%252e", "%25252e%25252e", "a%2fb", "a%2Fb",
      "a%5cb", "a\\b", "a;b", "..;", "%3b", "%c0%ae%c0%ae", "%c0%af", "%e0%80%ae", "%00", "%0d%0a", "a%0ab", "%2e%2e%2f",
      "..%2f", "%2f..", "%252f", "a%zz", "%", "%2", "%u002e", "%ef%bc%8f", "a b", "a%20b", "a+b", "%7e", "~", "%41"})
  void hostileParamsNeverChangeTheUpstreamPath(String value) {
    RouteTable table = HOSTILE_TABLE;
    for (String raw : new String[] {"/p/" + value + "/detail", "/f/" + value, "/f/x/" + value + "/y"}) {
      if (PathGuard.check(raw) != null) {
        continue; // refused: 400 before routing
      }
      RouteMatch m = table.match(raw);
      if (m == null) {
        continue; // 404
      }
      RequestTarget target;
      try {
        target = CacheKeys.resolve(m, "/base", null, 100, MultiMap.caseInsensitiveMultiMap());
      } catch (PercentCoding.MalformedException e) {
        continue; // 400
      }
      String up = target.upstreamUri();
      assertThat(up).as("%s → %s", raw, up).startsWith(m.route().name().equals("item") ? "/base/items/" : "/base/store/");
      assertThat(up.split("/", -1)).as("segments of %s → %s", raw, up).doesNotContain(".", "..");
      assertThat(up).as(raw).doesNotContain("\\", ";", "//", "%2e", "%2E", "%25");
      assertThat(up).as(raw).matches("[A-Za-z0-9._~%/-]*");
      if (m.route().name().equals("item")) {
        assertThat(up).as(raw).endsWith("/info").matches("/base/items/[^/]+/info");
      }
    }
  }
}

package io.wplive.proxy.config;

import static io.wplive.proxy.config.TestConfigs.UPSTREAM;
import static io.wplive.proxy.config.TestConfigs.oneRoute;
import static io.wplive.proxy.config.TestConfigs.parse;
import static io.wplive.proxy.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3: good YAML gives the documented values and defaults, bad YAML gives exact problem lines. */
class ConfigParsingTest {
  private static final String NOT_A_DURATION = " is not a duration (use 250ms, 30s, 5m, 2h or 7d)";
  private static final String BASE = oneRoute("");

  private static RouteOptions route(ProxyConfig c) {
    return c.routes().get(0);
  }

  private static UpstreamOptions inv(ProxyConfig c) {
    return c.upstreams().get("inv");
  }

  static Stream<Arguments> goodInputs() {
    return Stream.of(
        // server defaults
        arguments("server.port default", BASE, f(c -> c.server().port()), 8080),
        arguments("server.host default", BASE, f(c -> c.server().host()), "0.0.0.0"),
        arguments("server.shutdownGrace default", BASE, f(c -> c.server().shutdownGrace()), Duration.ofSeconds(10)),
        arguments("server.drainDelay default", BASE, f(c -> c.server().drainDelay()), Duration.ZERO),
        arguments("server.maxRequestBody default", BASE, f(c -> c.server().maxRequestBody()), 1024L * 1024),
        arguments("server.maxUriLength default", BASE, f(c -> c.server().maxUriLength()), 8L * 1024),
        arguments("server.maxHeaderSize default", BASE, f(c -> c.server().maxHeaderSize()), 16L * 1024),
        arguments("server.maxQueryParams default", BASE, f(c -> c.server().maxQueryParams()), 100),
        arguments("server.idleTimeout default", BASE, f(c -> c.server().idleTimeout()), Duration.ofSeconds(60)),
        arguments("server.requestTimeout default", BASE, f(c -> c.server().requestTimeout()), Duration.ofSeconds(30)),
        arguments("server.maxConnections default", BASE, f(c -> c.server().maxConnections()), 10_000),
        arguments("server.trustedProxies default", BASE, f(c -> c.server().trustedProxies().size()), 0),
        arguments("server.port set", "server:\n  port: 9000\n" + BASE, f(c -> c.server().port()), 9000),
        arguments("server.port as a string", "server:\n  port: \"9001\"\n" + BASE, f(c -> c.server().port()), 9001),
        arguments("server.shutdownGrace 250ms", "server:\n  shutdownGrace: 250ms\n" + BASE,
            f(c -> c.server().shutdownGrace()), Duration.ofMillis(250)),
        arguments("server.trustedProxies v4 and v6", "server:\n  trustedProxies: [10.0.0.0/8, \"::1\", 192.168.0.1]\n" + BASE,
            f(c -> c.server().trustedProxies().size()), 3),
        // other sections
        arguments("logging.format default", BASE, f(c -> c.logging().format()), null),
        arguments("logging.access default", BASE, f(c -> c.logging().access()), true),
        arguments("demo.enabled default", BASE, f(c -> c.demo().enabled()), false),
        arguments("demo.port default", BASE, f(c -> c.demo().port()), 8090),
        arguments("no redis section", BASE, f(ProxyConfig::redisEnabled), false),
        arguments("redis with empty url", "redis:\n  url: ${REDIS_URL:-}\n" + BASE, f(ProxyConfig::redisEnabled), false),
        arguments("redis with a url", "redis:\n  url: redis://127.0.0.1:6379\n" + BASE, f(ProxyConfig::redisEnabled), true),
        arguments("redis defaults", "redis:\n  url: redis://h:1\n" + BASE,
            f(c -> List.of(c.redis().mode(), c.redis().keyPrefix(), c.redis().commandTimeout())),
            List.of("standalone", "wplp:", Duration.ofMillis(250))),
        arguments("cache.memory.maxSize default", BASE, f(c -> c.cache().memoryMaxSize()), 64L * 1024 * 1024),
        arguments("cache.maxEntrySize default", BASE, f(c -> c.cache().maxEntrySize()), 5L * 1024 * 1024),
        arguments("size 64MB", "cache:\n  memory:\n    maxSize: 64MB\n" + BASE, f(c -> c.cache().memoryMaxSize()), 67_108_864L),
        arguments("size 512KB", "cache:\n  maxEntrySize: 512KB\n" + BASE, f(c -> c.cache().maxEntrySize()), 524_288L),
        arguments("size 0 on maxRequestBody", "server:\n  maxRequestBody: 0\n" + BASE, f(c -> c.server().maxRequestBody()), 0L),
        arguments("no clients section", BASE, f(ProxyConfig::clients), null),
        arguments("admin disabled by default", BASE, f(c -> c.admin().token()), null),
        arguments("admin.port default", BASE, f(c -> c.admin().port()), 0),
        // upstream defaults
        arguments("upstream timeout default", BASE, f(c -> inv(c).timeout()), Duration.ofSeconds(5)),
        arguments("upstream connectTimeout default", BASE, f(c -> inv(c).connectTimeout()), Duration.ofSeconds(1)),
        arguments("upstream maxConnections default", BASE, f(c -> inv(c).maxConnections()), 20),
        arguments("upstream maxConcurrent = maxConnections (default)", BASE, f(c -> inv(c).maxConcurrent()), 20),
        arguments("upstream maxConcurrent = maxConnections (set)",
            UPSTREAM + "    maxConnections: 7\n", f(c -> inv(c).maxConcurrent()), 7),
        arguments("upstream maxConcurrent set", UPSTREAM + "    maxConnections: 7\n    maxConcurrent: 3\n",
            f(c -> inv(c).maxConcurrent()), 3),
        arguments("upstream queue default", BASE, f(c -> inv(c).queue()), 100),
        arguments("breaker defaults", BASE, f(c -> List.of(inv(c).circuitBreaker().failureThreshold(),
            inv(c).circuitBreaker().window(), inv(c).circuitBreaker().openFor(), inv(c).circuitBreaker().enabled())),
            List.of(5, Duration.ofSeconds(10), Duration.ofSeconds(30), true)),
        arguments("breaker slowCall off by default", BASE, f(c -> inv(c).circuitBreaker().slowCall()), Duration.ZERO),
        arguments("breaker off with failureThreshold 0", UPSTREAM + "    circuitBreaker: { failureThreshold: 0 }\n",
            f(c -> inv(c).circuitBreaker().enabled()), false),
        arguments("retry default", BASE, f(c -> List.of(inv(c).retry().attempts(), inv(c).retry().backoff())),
            List.of(0, Duration.ofMillis(100))),
        arguments("no rate limit by default", BASE, f(c -> inv(c).rateLimit()), null),
        arguments("rate limit burst defaults to requests", UPSTREAM + "    rateLimit: { requests: 10, per: 1s }\n",
            f(c -> inv(c).rateLimit().burst()), 10),
        arguments("rate limit requests 0 = off", UPSTREAM + "    rateLimit: { requests: 0, per: 1s }\n",
            f(c -> inv(c).rateLimit()), null),
        arguments("upstream base path", BASE, f(c -> inv(c).basePath()), "/base"),
        // routes
        arguments("methods default [GET] implies HEAD", BASE, f(c -> route(c).methods()), Set.of("GET", "HEAD")),
        arguments("methods [GET] implies HEAD", oneRoute("methods: [GET]"), f(c -> route(c).methods()), Set.of("GET", "HEAD")),
        arguments("methods lower case", oneRoute("methods: [get, post]"), f(c -> route(c).methods()),
            Set.of("GET", "HEAD", "POST")),
        arguments("methods [POST] has no GET", oneRoute("methods: [POST]"), f(c -> route(c).methods()), Set.of("POST")),
        arguments("methods [*]", oneRoute("methods: [\"*\"]"), f(c -> route(c).anyMethod()), true),
        arguments("upstreamPath defaults to path", BASE, f(c -> route(c).upstreamPath()), "/api/r"),
        arguments("route without cache section is honorCacheControl", BASE, f(c -> route(c).cache().honorCacheControl()), true),
        arguments("cache with ttl: honorCacheControl false", oneRoute("cache: { ttl: 60s }"),
            f(c -> route(c).cache().honorCacheControl()), false),
        arguments("cache without ttl: honorCacheControl true", oneRoute("cache: { negativeTtl: 10s }"),
            f(c -> route(c).cache().honorCacheControl()), true),
        arguments("cache with ttl 0: honorCacheControl true", oneRoute("cache: { ttl: 0 }"),
            f(c -> route(c).cache().honorCacheControl()), true),
        arguments("ttl and honorCacheControl true", oneRoute("cache: { ttl: 60s, honorCacheControl: true }"),
            f(c -> route(c).cache().honorCacheControl()), true),
        arguments("no ttl and honorCacheControl false", oneRoute("cache: { honorCacheControl: false }"),
            f(c -> route(c).cache().honorCacheControl()), false),
        arguments("ttl 0 (bare zero)", oneRoute("cache: { ttl: 0 }"), f(c -> route(c).cache().ttl()), Duration.ZERO),
        arguments("ttl \"0\"", oneRoute("cache: { ttl: \"0\" }"), f(c -> route(c).cache().ttl()), Duration.ZERO),
        arguments("ttl 250ms", oneRoute("cache: { ttl: 250ms }"), f(c -> route(c).cache().ttl()), Duration.ofMillis(250)),
        arguments("ttl 5m", oneRoute("cache: { ttl: 5m }"), f(c -> route(c).cache().ttl()), Duration.ofMinutes(5)),
        arguments("ttl 7d", oneRoute("cache: { ttl: 7d }"), f(c -> route(c).cache().ttl()), Duration.ofDays(7)),
        arguments("cache defaults", oneRoute("cache: { ttl: 1s }"), f(c -> List.of(route(c).cache().staleWhileRevalidate(),
            route(c).cache().staleIfError(), route(c).cache().negativeTtl())),
            List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO)),
        arguments("varyHeaders are lower-cased", oneRoute("cache: { ttl: 1s, varyHeaders: [Accept-Language] }"),
            f(c -> route(c).cache().varyHeaders()), List.of("accept-language")),
        arguments("query.allow absent = all", BASE, f(c -> route(c).queryAllow()), null),
        arguments("query.allow []", oneRoute("query: { allow: [] }"), f(c -> route(c).queryAllow()), List.of()),
        arguments("query.defaults", oneRoute("query: { defaults: { per_page: \"20\" } }"),
            f(c -> route(c).queryDefaults()), Map.of("per_page", "20")),
        arguments("errors default json", BASE, f(c -> route(c).relayErrors()), false),
        arguments("errors relay", oneRoute("errors: relay"), f(c -> route(c).relayErrors()), true),
        arguments("forwardHeaders lower-cased", oneRoute("forwardHeaders: [Authorization]"),
            f(c -> route(c).forwardHeaders()), List.of("authorization")),
        arguments("no normalize", BASE, f(c -> route(c).normalize()), null),
        arguments("ical window defaults", oneRoute("normalize: { format: ical }"),
            f(c -> List.of(route(c).normalize().icalFrom(), route(c).normalize().icalTo())),
            List.of(Duration.ofDays(-1), Duration.ofDays(90))),
        arguments("ical window may be negative", oneRoute("normalize: { format: ical, ical: { from: -2d, to: -1h } }"),
            f(c -> List.of(route(c).normalize().icalFrom(), route(c).normalize().icalTo())),
            List.of(Duration.ofDays(-2), Duration.ofHours(-1))),
        arguments("valid JSLT transform", oneRoute("normalize: { transform: \"{ \\\"items\\\": .value }\" }"),
            f(c -> route(c).normalize().transform()), "{ \"items\": .value }"),
        arguments("invalidates an existing route", TestConfigs.routes("a /a", "b /b")
            + "    methods: [POST]\n    invalidates: [a]\n", f(c -> c.routes().get(1).invalidates()), List.of("a")),
        arguments("route table size", TestConfigs.routes("a /a", "b /b/:id", "c /c/*"), f(c -> c.routeTable().size()), 3),
        // ${…}
        arguments("${X:-default} when unset", UPSTREAM + "    timeout: ${UP_TIMEOUT:-3s}\n",
            f(c -> inv(c).timeout()), Duration.ofSeconds(3)),
        arguments("${X:-} empty default", "admin:\n  token: ${ADMIN_TOKEN:-}\n" + BASE, f(c -> c.admin().token()), null),
        arguments("${X} in a number field", "server:\n  port: ${PORT:-8181}\n" + BASE, f(c -> c.server().port()), 8181),
        arguments("${X} in a boolean field", "demo:\n  enabled: ${DEMO:-true}\n" + BASE, f(c -> c.demo().enabled()), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodInputs")
  void goodInputGivesTheValue(String name, String yaml, Function<ProxyConfig, Object> read, Object expected) {
    ProxyConfig c;
    try {
      c = parse(yaml);
    } catch (ConfigException e) {
      throw new AssertionError("unexpected problems: " + e.problems());
    }
    assertThat(read.apply(c)).isEqualTo(expected);
  }

  @Test
  void environmentValuesAreSubstituted() {
    ProxyConfig c = parse("admin:\n  token: ${ADMIN_TOKEN}\n" + UPSTREAM + "    timeout: ${T:-9s}\n",
        Map.of("ADMIN_TOKEN", "0123456789abcdef-token", "T", "2s"));
    assertThat(c.admin().token()).isEqualTo("0123456789abcdef-token");
    assertThat(inv(c).timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void fileSecretsDropOneTrailingNewline(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("admin-token");
    Files.writeString(secret, "s3cret-admin-token-42\n", StandardCharsets.UTF_8);
    ProxyConfig c = parse("admin:\n  token: ${file:" + secret + "}\n" + BASE);
    assertThat(c.admin().token()).isEqualTo("s3cret-admin-token-42");
  }

  @Test
  void routeHeadIsImpliedAndStarExcludesConnectAndTrace() {
    ProxyConfig c = parse(TestConfigs.routes("get /g", "any /any") + "    methods: [\"*\"]\n");
    var get = c.routeTable().byName("get");
    var any = c.routeTable().byName("any");
    assertThat(get.allows("HEAD")).isTrue();
    assertThat(get.allows("POST")).isFalse();
    assertThat(get.allowHeader()).isEqualTo("GET, HEAD");
    assertThat(any.allows("DELETE")).isTrue();
    assertThat(any.allows("PATCH")).isTrue();
    assertThat(any.allows("CONNECT")).isFalse();
    assertThat(any.allows("TRACE")).isFalse();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        arguments("unknown key in server", "server:\n  prot: 8080\n" + BASE, List.of("server.prot: unknown key")),
        arguments("unknown top-level key", "rotues: []\n" + BASE, List.of("rotues: unknown key")),
        arguments("unknown key in a route", oneRoute("cahce: { ttl: 1s }"), List.of("routes[0].cahce: unknown key")),
        arguments("unknown key in route cache", oneRoute("cache: { tll: 1s }"), List.of("routes[0].cache.tll: unknown key")),
        arguments("unknown key in an upstream", UPSTREAM + "    timout: 1s\n", List.of("upstreams.inv.timout: unknown key")),
        arguments("unknown key in circuitBreaker", UPSTREAM + "    circuitBreaker: { windw: 1s }\n",
            List.of("upstreams.inv.circuitBreaker.windw: unknown key")),
        arguments("unknown key in redis", "redis:\n  urll: redis://x\n" + BASE, List.of("redis.urll: unknown key")),
        // header values go out as they are written (Vert.x does not check them again on the way out)
        arguments("line break in an upstream header value", UPSTREAM + "    headers: { X-Key: \"a\\r\\nX-Evil: 1\" }\n",
            List.of("upstreams.inv.headers.X-Key: must be one line of text (no control characters)")),
        arguments("space in an upstream header name", UPSTREAM + "    headers: { \"X Key\": a }\n",
            List.of("upstreams.inv.headers[\"X Key\"]: is not a valid header name")),
        arguments("line break in an auth header value", UPSTREAM + "    auth: { type: header, name: X-Key, value: \"a\\nb\" }\n",
            List.of("upstreams.inv.auth.value: must be one line of text (no control characters)")),
        arguments("line break in a bearer token", UPSTREAM + "    auth: { type: bearer, token: \"a\\nb\" }\n",
            List.of("upstreams.inv.auth.token: must be one line of text (no control characters)")),
        arguments("colon in a basic username", UPSTREAM + "    auth: { type: basic, username: \"a:b\", password: c }\n",
            List.of("upstreams.inv.auth.username: must not contain ':' (RFC 7617)")),
        arguments("unknown key in query", oneRoute("query: { alow: [a] }"), List.of("routes[0].query.alow: unknown key")),
        arguments("duration in words", oneRoute("cache:\n  ttl: 5 minutes"),
            List.of("routes[0].cache.ttl: \"5 minutes\"" + NOT_A_DURATION)),
        arguments("bare number duration", oneRoute("cache:\n  ttl: 60"), List.of("routes[0].cache.ttl: 60" + NOT_A_DURATION)),
        arguments("fractional duration", oneRoute("cache:\n  ttl: 1.5s"), List.of("routes[0].cache.ttl: \"1.5s\"" + NOT_A_DURATION)),
        arguments("negative ttl", oneRoute("cache:\n  ttl: -5s"), List.of("routes[0].cache.ttl: \"-5s\"" + NOT_A_DURATION)),
        arguments("negative staleIfError", oneRoute("cache:\n  staleIfError: -1h"),
            List.of("routes[0].cache.staleIfError: \"-1h\"" + NOT_A_DURATION)),
        arguments("negative upstream timeout", UPSTREAM + "    timeout: -1s\n",
            List.of("upstreams.inv.timeout: \"-1s\"" + NOT_A_DURATION)),
        arguments("upper-case unit", "server:\n  shutdownGrace: 10S\n" + BASE,
            List.of("server.shutdownGrace: \"10S\"" + NOT_A_DURATION)),
        arguments("bare number size", "cache:\n  maxEntrySize: 64\n" + BASE,
            List.of("cache.maxEntrySize: 64 is not a size (use 512KB, 64MB or 1GB)")),
        arguments("size in words", "cache:\n  maxEntrySize: 64 megabytes\n" + BASE,
            List.of("cache.maxEntrySize: \"64 megabytes\" is not a size (use 512KB, 64MB or 1GB)")),
        arguments("unset ${X} names the field", "admin:\n  token: ${ADMIN_TOKEN}\n" + BASE,
            List.of("admin.token: environment variable ADMIN_TOKEN is not set (use ${ADMIN_TOKEN:-default} for an optional one)")),
        arguments("unset ${X} inside a route", oneRoute("upstreamPath: ${UP_PATH}"),
            List.of("routes[0].upstreamPath: environment variable UP_PATH is not set (use ${UP_PATH:-default} for an optional one)")),
        arguments("unset ${X} inside a list", "admin:\n  allowFrom: [\"${ADMIN_NET}\"]\n" + BASE,
            List.of("admin.allowFrom[0]: environment variable ADMIN_NET is not set (use ${ADMIN_NET:-default} for an optional one)")),
        arguments("unterminated ${", "admin:\n  token: \"${ADMIN_TOKEN\"\n" + BASE,
            List.of("admin.token: unterminated ${ in \"${ADMIN_TOKEN\"")),
        arguments("invalid variable name", "admin:\n  token: \"${1X}\"\n" + BASE,
            List.of("admin.token: \"${1X}\" is not a valid variable reference")),
        arguments("missing upstream", oneRoute("").replace("upstream: inv", "upstream: nope"),
            List.of("routes[0].upstream: no upstream named \"nope\"")),
        arguments("route without name, path, upstream", UPSTREAM + "routes:\n  - methods: [GET]\n",
            List.of("routes[0].name: is required", "routes[0].path: is required", "routes[0].upstream: is required")),
        arguments("duplicate route names", TestConfigs.routes("r /a", "r /b"), List.of("routes[1].name: duplicate route name \"r\"")),
        arguments("duplicate exact paths", TestConfigs.routes("a /same", "b /same"),
            List.of("routes[1].path: \"/same\" is already the path of route \"a\"")),
        arguments("path without leading slash", TestConfigs.routes("a api/x"), List.of("routes[0].path: \"api/x\" must start with /")),
        arguments("bad :param name (digit)", TestConfigs.routes("a /p/:1x"),
            List.of("routes[0].path: \"/p/:1x\" \":1x\" is not a valid :param name")),
        arguments("bad :param name (empty)", TestConfigs.routes("a /p/:"),
            List.of("routes[0].path: \"/p/:\" \":\" is not a valid :param name")),
        arguments("bad :param name (dash)", TestConfigs.routes("a /p/:a-b"),
            List.of("routes[0].path: \"/p/:a-b\" \":a-b\" is not a valid :param name")),
        arguments("repeated :param", TestConfigs.routes("a /p/:id/:id"),
            List.of("routes[0].path: \"/p/:id/:id\" parameter :id appears twice")),
        arguments("* not last", TestConfigs.routes("a /p/*/x"),
            List.of("routes[0].path: \"/p/*/x\" * is only allowed as the last segment, /*")),
        arguments("upstreamPath names an unknown param",
            oneRoute("upstreamPath: /items/:id").replace("path: /api/r", "path: /api/r/:sku"),
            List.of("routes[0].upstreamPath: \"/items/:id\" :id is not a parameter of the route path /api/r/:sku")),
        arguments("upstreamPath /* without route /*", oneRoute("upstreamPath: /items/*"),
            List.of("routes[0].upstreamPath: \"/items/*\" ends in /* but the route path has no /*")),
        arguments("invalidates an unknown route", oneRoute("methods: [POST]\ninvalidates: [nope]"),
            List.of("routes[0].invalidates[0]: no route named \"nope\"")),
        arguments("CONNECT rejected", oneRoute("methods: [GET, CONNECT]"),
            List.of("routes[0].methods[1]: \"CONNECT\" is not a method a route may list")),
        arguments("TRACE rejected", oneRoute("methods: [TRACE]"),
            List.of("routes[0].methods[0]: \"TRACE\" is not a method a route may list")),
        arguments("unknown method rejected", oneRoute("methods: [FETCH]"),
            List.of("routes[0].methods[0]: \"FETCH\" is not a method a route may list")),
        arguments("CIDR prefix too long", "server:\n  trustedProxies: [10.0.0.0/33]\n" + BASE,
            List.of("server.trustedProxies[0]: \"10.0.0.0/33\" has a bad prefix length")),
        arguments("IPv6 CIDR prefix too long", "admin:\n  allowFrom: [\"::1/129\"]\n" + BASE,
            List.of("admin.allowFrom[0]: \"::1/129\" has a bad prefix length")),
        arguments("CIDR prefix not a number", "admin:\n  allowFrom: [10.0.0.0/x]\n" + BASE,
            List.of("admin.allowFrom[0]: \"10.0.0.0/x\" has a bad prefix length")),
        arguments("CIDR not an address", "admin:\n  allowFrom: [intranet]\n" + BASE,
            List.of("admin.allowFrom[0]: \"intranet\" is not a CIDR (like 10.0.0.0/8)")),
        arguments("negative duration outside the ical window", oneRoute("normalize: { ical: { from: -1d, to: 1d } }\ncache: { ttl: -1d }"),
            List.of("routes[0].cache.ttl: \"-1d\"" + NOT_A_DURATION)),
        arguments("ical to before from", oneRoute("normalize: { ical: { from: 1d, to: -1d } }"),
            List.of("routes[0].normalize.ical.to: must be after from")),
        arguments("port out of range", "server:\n  port: 70000\n" + BASE, List.of("server.port: 70000 is out of range (0 to 65535)")),
        arguments("not a boolean", "demo:\n  enabled: maybe\n" + BASE, List.of("demo.enabled: \"maybe\" is not true or false")),
        arguments("baseUrl not http", "upstreams:\n  inv:\n    baseUrl: ftp://h/x\n",
            List.of("upstreams.inv.baseUrl: \"ftp://h/x\" is not an http:// or https:// URL with a host")),
        arguments("upstream timeout 0", UPSTREAM + "    timeout: 0\n", List.of("upstreams.inv.timeout: must be longer than 0")),
        arguments("admin.port equal to server.port", "admin:\n  port: 8080\n" + BASE, List.of("admin.port: must differ from server.port")),
        arguments("short admin token", "admin:\n  token: short\n" + BASE, List.of("admin.token: is too short (at least 16 characters)")),
        arguments("several problems at once", "server:\n  prot: 1\n  shutdownGrace: 10\n"
            + oneRoute("cache: { ttl: 5 minutes }\ninvalidates: [ghost]").replace("upstream: inv", "upstream: nope"),
            List.of("server.prot: unknown key", "server.shutdownGrace: 10" + NOT_A_DURATION,
                "routes[0].cache.ttl: \"5 minutes\"" + NOT_A_DURATION, "routes[0].upstream: no upstream named \"nope\"",
                "routes[0].invalidates[0]: no route named \"ghost\"")),
        arguments("several unset variables at once", "admin:\n  token: ${A_TOKEN}\n" + oneRoute("upstreamPath: ${B_PATH}"),
            List.of("admin.token: environment variable A_TOKEN is not set (use ${A_TOKEN:-default} for an optional one)",
                "routes[0].upstreamPath: environment variable B_PATH is not set (use ${B_PATH:-default} for an optional one)")),
        arguments("top level is a list", "- a\n- b\n", List.of("test.yaml: must be a YAML mapping at the top level")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGivesExactlyTheseProblems(String name, String yaml, List<String> expected) {
    assertThat(problems(yaml)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "reserved: {0}")
  @ValueSource(strings = {"/health", "/healthz", "/health/live", "/health/ready", "/metrics", "/metrics/x",
      "/admin", "/admin/x", "/admin/*", "/hooks/x", "/hooks/:upstream", "/__demo/x", "/__demo/*"})
  void reservedPathsAreConfigErrors(String path) {
    assertThat(problems(TestConfigs.routes("a " + path)))
        .containsExactly("routes[0].path: \"" + path + "\" is reserved for the proxy's own endpoints");
  }

  @ParameterizedTest(name = "not reserved: {0}")
  @ValueSource(strings = {"/api/health", "/metricsx", "/administrator", "/hooksy", "/__demox", "/api/admin/x"})
  void pathsThatOnlyLookReservedAreAllowed(String path) {
    assertThat(problems(TestConfigs.routes("a " + path))).isEmpty();
  }

  /** SPEC §4 documents this route as the general-purpose shared HTTP cache. */
  @Test
  void theGeneralPurposeSharedCacheRouteOfTheSpecParses() {
    String yaml = UPSTREAM + "routes:\n  - name: all\n    path: /*\n    upstream: inv\n    methods: [\"*\"]\n"
        + "    cache: { honorCacheControl: true }\n";
    assertThat(problems(yaml)).isEmpty();
    assertThat(parse(yaml).routeTable().match("/any/path").route().name()).isEqualTo("all");
  }

  /** SPEC §2: a bad config is exit 2 with problem lines, never a stack trace: only ConfigException escapes. */
  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {
      "server: 5", "server: [1]", "routes: 5", "routes: [5]", "routes: {a: 1}", "upstreams: []", "upstreams: {inv: null}",
      "upstreams: {inv: 5}", "server: {port: [1]}", "server: {port: 99999999999999999999}", "server: {port: 1.5}",
      "server: {host: 2001-01-01}", "server: {trustedProxies: 10.0.0.0/8}", "server: {trustedProxies: [[1]]}",
      "logging: {format: xml}", "1: x", "? [a]\n: b", "a: !!binary aGVsbG8=", "cache: {maxEntrySize: 3GB}",
      "routes: [{name: a, path: /*, upstream: inv}]",
      "routes: [{name: a, path: '', upstream: inv}]",
      "routes: [{name: a, path: /a, upstream: inv, upstreamPath: ''}]",
      "routes: [{name: a, path: /a, upstream: inv, upstreamPath: 5}]",
      "routes: [{name: a, path: /a/*, upstream: inv, upstreamPath: /*}]",
      "routes: [{name: a, path: /a/*, upstream: inv, upstreamPath: '*'}]",
      "routes: [{name: a, path: '/a/:', upstream: inv}]",
      "routes: [{name: a, path: '/:', upstream: inv}]",
      "routes: [{name: a, path: '//', upstream: inv}]",
      "routes: [{name: a, path: '/*/*', upstream: inv}]",
      "routes: [{name: a, path: '/a/**', upstream: inv}]",
      "routes: [{name: ~, path: ~, upstream: ~}]",
      "routes: [{name: a, path: /a, upstream: inv, cache: 5}]",
      "routes: [{name: a, path: /a, upstream: inv, cache: {ttl: [1]}}]",
      "routes: [{name: a, path: /a, upstream: inv, methods: GET}]",
      "routes: [{name: a, path: /a, upstream: inv, methods: [[GET]]}]",
      "routes: [{name: a, path: /a, upstream: inv, query: {defaults: [a]}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: 5}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {fields: 5}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {fields: {x: 5}}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {fields: {x: {type: number}}}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {pagination: {style: cursor}}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {ical: {from: 5}}}]",
      "routes: [{name: a, path: /a, upstream: inv, normalize: {total: 'header:'}}]",
      "routes: [{name: a, path: /a, upstream: inv, invalidates: a}]",
      "clients: {apiKeys: [{name: a}]}", "clients: {apiKeys: 5}", "clients: {cors: {allowOrigins: [ftp://x]}}",
      "admin: {token: 5}", "redis: {url: http://x}", "redis: {mode: nope}",
      "a: &a [*a]",
  })
  void oddInputsGiveProblemsNotCrashes(String top) {
    String yaml = UPSTREAM + top.replace("\\n", "\n") + "\n";
    org.assertj.core.api.Assertions.assertThatCode(() -> problems(yaml)).doesNotThrowAnyException();
  }

  @Test
  void invalidJsltTransformIsAProblem() {
    assertThat(problems(oneRoute("normalize: { transform: \"[1, 2\" }")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("routes[0].normalize.transform: is not a valid JSLT expression: ");
  }

  @Test
  void yamlSyntaxErrorNamesTheSourceAndLine() {
    assertThat(problems("server:\n  port: [8080\n"))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("test.yaml: is not valid YAML at line ");
  }

  @Test
  void duplicateYamlKeysAreRejected() {
    assertThat(problems("server:\n  port: 1\n  port: 2\n" + BASE))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("test.yaml: is not valid YAML").contains("port");
  }

  /**
   * SPEC §2: one line per problem. An unset variable must not hide the other problems of the same
   * file, or an operator fixes them one run of --check-config at a time.
   */
  @Test
  void unsetVariableAndOtherProblemsAreReportedTogether() {
    assertThat(problems("admin:\n  token: ${ADMIN_TOKEN}\nserver:\n  prot: 1\n" + BASE))
        .contains("admin.token: environment variable ADMIN_TOKEN is not set (use ${ADMIN_TOKEN:-default} for an optional one)",
            "server.prot: unknown key");
  }

  /** A duration the config accepts must be usable: StoragePolicy and the timers call toMillis(). */
  @Test
  void acceptedDurationsFitInMilliseconds() {
    List<String> p = problems(oneRoute("cache: { ttl: 999999999999d }"));
    if (p.isEmpty()) {
      Duration ttl = route(parse(oneRoute("cache: { ttl: 999999999999d }"))).cache().ttl();
      org.assertj.core.api.Assertions.assertThatCode(ttl::toMillis).doesNotThrowAnyException();
    } else {
      assertThat(p).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith("routes[0].cache.ttl: ");
    }
  }

  @Test
  void theShippedConfigParsesWithNoProblems() {
    ProxyConfig c = new ConfigLoader(name -> null).load(Path.of(ConfigLoader.DEFAULT_PATH));
    assertThat(c.upstreams()).containsKey("inventory");
    assertThat(c.routes()).isNotEmpty();
    assertThat(c.routeTable().size()).isEqualTo(c.routes().size());
    assertThat(c.demo().enabled()).as("SPEC §2: the shipped config runs the demo upstreams").isTrue();
    assertThat(c.redisEnabled()).as("SPEC §2: memory-only out of the box").isFalse();
    assertThat(c.server().port()).isEqualTo(8080);
  }

  @Test
  void theShippedConfigTakesItsPortFromTheEnvironment() {
    ProxyConfig c = new ConfigLoader(Map.of("WPLP_PORT", "8181")::get).load(Path.of(ConfigLoader.DEFAULT_PATH));
    assertThat(c.server().port()).isEqualTo(8181);
  }

  @Test
  void aMissingFileIsOneProblem() {
    assertThatThrownBy(() -> new ConfigLoader(name -> null).load(Path.of("does/not/exist.yaml")))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).problems())
        .isEqualTo(List.of("does/not/exist.yaml: no such file"));
  }

  @Test
  void configPathPrecedence() {
    assertThat(new ConfigLoader(Map.of("WPLP_CONFIG", "/env.yaml")::get).resolvePath("/cli.yaml")).isEqualTo(Path.of("/cli.yaml"));
    assertThat(new ConfigLoader(Map.of("WPLP_CONFIG", "/env.yaml")::get).resolvePath(null)).isEqualTo(Path.of("/env.yaml"));
    assertThat(new ConfigLoader(name -> null).resolvePath(null)).isEqualTo(Path.of("conf/config.yaml"));
  }

  /** Every key the SPEC §3 shape documents is accepted (a complete config in test resources). */
  @Test
  void theFullSpecShapeParses() throws IOException {
    String yaml = Files.readString(Path.of("src/test/resources/config/full.yaml"), StandardCharsets.UTF_8);
    Map<String, String> env = Map.of("SHOP_SITE_KEY", "shop-site-key-0123456789", "ADMIN_TOKEN", "admin-token-0123456789",
        "WMS_KEY", "wms", "INVENTORY_HOOK_SECRET", "hook-secret");
    assertThat(problems(yaml, env)).isEmpty();
    ProxyConfig c = parse(yaml, env);
    assertThat(c.server().drainDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.server().trustedProxies()).hasSize(2);
    assertThat(c.clients().apiKeys()).singleElement().satisfies(k -> {
      assertThat(k.key()).isEqualTo("shop-site-key-0123456789");
      assertThat(k.rateLimit().requests()).isEqualTo(50);
    });
    assertThat(c.admin().port()).isEqualTo(9090);
    UpstreamOptions inv = c.upstreams().get("inventory");
    assertThat(inv.maxConcurrent()).isEqualTo(20);
    assertThat(inv.auth().value()).isEqualTo("wms");
    assertThat(inv.rateLimit().burst()).isEqualTo(10);
    assertThat(inv.circuitBreaker().slowCall()).isEqualTo(Duration.ofSeconds(2));
    assertThat(inv.retry().attempts()).isEqualTo(1);
    assertThat(inv.webhookSecret()).isEqualTo("hook-secret");
    RouteOptions products = c.routes().get(0);
    assertThat(products.cache().honorCacheControl()).isFalse();
    assertThat(products.cache().staleIfError()).isEqualTo(Duration.ofHours(24));
    assertThat(products.normalize().fields()).containsKeys("id", "price", "photos");
    assertThat(products.normalize().pagination().style()).isEqualTo("offset");
  }

  @SuppressWarnings("unchecked")
  private static Function<ProxyConfig, Object> f(Function<ProxyConfig, ?> fn) {
    return (Function<ProxyConfig, Object>) fn;
  }
}

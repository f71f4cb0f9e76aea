package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.config.ConfigNode;
import io.wplive.proxy.config.ConfigProblems;
import io.wplive.proxy.config.NormalizeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Shared helpers: options from JSON exactly as the config loader builds them, a fixed clock, resources. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-03-15T09:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Fixtures() {
  }

  /** Options as the config loader builds them from a route's {@code normalize:} section; must be valid. */
  static NormalizeOptions options(String json) {
    return options(new JsonObject(json));
  }

  static NormalizeOptions options(JsonObject raw) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode node = new ConfigNode(raw, "routes[0].normalize", problems);
    NormalizeOptions o = new NormalizeOptions(node, raw);
    node.finish();
    assertThat(problems.list()).as("test config problems").isEmpty();
    return o;
  }

  static Normalizer normalizer(String route, String optionsJson) {
    return new Normalizer(route, options(optionsJson), CLOCK);
  }

  static Normalizer normalizer(String route, String optionsJson, Instant now) {
    return new Normalizer(route, options(optionsJson), Clock.fixed(now, ZoneOffset.UTC));
  }

  static byte[] resource(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/normalize/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource normalize/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(resource(path), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A case-insensitive header lookup, like the one the proxy passes. */
  static Function<String, String> headers(Map<String, String> values) {
    Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    m.putAll(values);
    return m::get;
  }

  static Function<String, String> noHeaders() {
    return name -> null;
  }

  static JsonNode parse(byte[] json) {
    try {
      return JsonSupport.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String compact(JsonNode node) {
    try {
      return JsonSupport.MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One golden case under {@code src/test/resources/normalize/<name>/}:
 * <ul>
 *   <li>{@code case.json}: {@code route}, {@code normalize} (the route's config section), optional
 *       {@code contentType}, {@code headers}, {@code page} ({@code {page, perPage, cursor}}), {@code now}
 *       (default {@link Fixtures#NOW}) and {@code warnings} (the expected count, default 0)</li>
 *   <li>{@code body.*}: the upstream body, byte for byte</li>
 *   <li>{@code expected.json}: the envelope, pretty-printed for reading; compared after compacting, so
 *       key order, number spelling and unicode must match exactly</li>
 * </ul>
 */
final class GoldenCase {
  private static final String[] BODY_NAMES = {"body.json", "body.xml", "body.csv", "body.ics"};

  private GoldenCase() {
  }

  /** Runs the case and checks the envelope and the warning count; returns the result for more checks. */
  static NormalizedBody check(String name) {
    JsonObject spec = new JsonObject(Fixtures.text(name + "/case.json"));
    Instant now = spec.containsKey("now") ? Instant.parse(spec.getString("now")) : Fixtures.NOW;
    Normalizer normalizer = new Normalizer(spec.getString("route"),
        Fixtures.options(spec.getJsonObject("normalize")), Clock.fixed(now, ZoneOffset.UTC));
    Map<String, String> headers = new HashMap<>();
    JsonObject h = spec.getJsonObject("headers", new JsonObject());
    h.fieldNames().forEach(k -> headers.put(k, h.getString(k)));
    JsonObject p = spec.getJsonObject("page");
    PageRequest page = p == null ? null : new PageRequest(p.getInteger("page"), p.getInteger("perPage"), p.getString("cursor"));

    NormalizedBody out = normalizer.normalize(body(name), spec.getString("contentType"), Fixtures.headers(headers), page);

    JsonNode expected = Fixtures.parse(Fixtures.resource(name + "/expected.json"));
    assertThat(new String(out.json(), StandardCharsets.UTF_8)).as("envelope of " + name)
        .isEqualTo(Fixtures.compact(expected));
    assertThat(out.warnings()).as("warnings of " + name + ": " + out.warningMessages())
        .isEqualTo(spec.getInteger("warnings", 0));
    return out;
  }

  private static byte[] body(String name) {
    for (String b : BODY_NAMES) {
      if (GoldenCase.class.getResource("/normalize/" + name + "/" + b) != null) {
        return Fixtures.resource(name + "/" + b);
      }
    }
    throw new IllegalArgumentException("no body.* in normalize/" + name);
  }
}

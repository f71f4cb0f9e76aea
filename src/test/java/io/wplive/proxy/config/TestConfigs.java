package io.wplive.proxy.config;

import java.util.List;
import java.util.Map;

/** Builds configurations from YAML text for table-driven tests; no file, no Vert.x instance. */
public final class TestConfigs {
  /** One upstream named {@code inv}, enough for routes to reference. */
  public static final String UPSTREAM = """
      upstreams:
        inv:
          baseUrl: http://127.0.0.1:9/base
      """;

  private TestConfigs() {
  }

  public static ProxyConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  public static ProxyConfig parse(String yaml, Map<String, String> env) {
    return new ConfigLoader(env::get).parse(yaml, "test.yaml");
  }

  /** The problem lines of {@code yaml}; empty when it parses. */
  public static List<String> problems(String yaml, Map<String, String> env) {
    try {
      parse(yaml, env);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  public static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  /**
   * The upstream {@code inv} plus one route {@code r} at {@code /api/r}; {@code routeLines} are
   * extra keys of that route, written at route level (they are indented here).
   */
  public static String oneRoute(String routeLines) {
    return UPSTREAM + "routes:\n  - name: r\n    path: /api/r\n    upstream: inv\n" + indent(routeLines, "    ");
  }

  /** Routes given as {@code name path} pairs, in file order, all on upstream {@code inv}. */
  public static String routes(String... namePath) {
    StringBuilder sb = new StringBuilder(UPSTREAM).append("routes:\n");
    for (String np : namePath) {
      String[] p = np.trim().split("\\s+");
      sb.append("  - name: ").append(p[0]).append("\n    path: \"").append(p[1]).append("\"\n    upstream: inv\n");
    }
    return sb.toString();
  }

  public static String indent(String lines, String by) {
    if (lines == null || lines.isBlank()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines.split("\n")) {
      sb.append(by).append(l).append('\n');
    }
    return sb.toString();
  }
}

package io.wplive.proxy.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.config.ConfigException;
import io.wplive.proxy.config.ConfigLoader;
import io.wplive.proxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #8 fuzzing: random and mutated YAML documents (the shipped configs mutated line by line
 * and token by token, plus random trees over the real key names) → {@link ConfigLoader#parse}
 * gives a config, or a {@link ConfigException} whose problems are all one line of
 * {@code path: message}. Never another exception type, never a hang.
 *
 * <p>{@code -Dfuzz.seed=N} replays a run; {@code -Dfuzz.configCases=N} sets the number of documents
 * (default 2500). The seed is in every failure message.
 */
@Timeout(300)
class ConfigFuzzTest {
  private static final Pattern PROBLEM = Pattern.compile("^[^:\\n]+: .+");
  private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("fuzz.configCases", 2500);

  /** Every key the config knows, by section, so random trees often reach deep validation. */
  private static final String[] KEYS = {
      "server", "host", "port", "shutdownGrace", "drainDelay", "maxRequestBody", "maxUriLength", "maxHeaderSize",
      "maxQueryParams", "idleTimeout", "requestTimeout", "maxConnections", "trustedProxies", "logging", "format",
      "access", "demo", "enabled", "redis", "url", "mode", "endpoints", "masterName", "keyPrefix", "commandTimeout",
      "password", "cache", "memory", "maxSize", "maxEntrySize", "clients", "apiKeys", "name", "key", "rateLimit",
      "requests", "per", "burst", "ipRateLimit", "cors", "allowOrigins", "admin", "token", "allowFrom", "upstreams",
      "baseUrl", "timeout", "connectTimeout", "queue", "maxConcurrent", "headers", "tls", "trustCa", "clientCert",
      "clientKey", "verifyHost", "webhookSecret", "auth", "type", "value", "username", "tokenUrl", "clientId",
      "clientSecret", "scope", "circuitBreaker", "failureThreshold", "window", "openFor", "slowCall", "retry",
      "attempts", "backoff", "routes", "path", "upstream", "upstreamPath", "methods", "forwardHeaders", "query",
      "allow", "defaults", "ttl", "staleWhileRevalidate", "staleIfError", "honorCacheControl", "negativeTtl",
      "varyHeaders", "tags", "clientCacheControl", "errors", "normalize", "items", "fields", "from", "total",
      "pagination", "style", "pageParam", "sizeParam", "cursorParam", "nextCursor", "transform", "ical", "to",
      "invalidates"};

  private static final String[] SCALARS = {
      "0", "1", "-1", "8080", "65536", "99999999999999999999", "1.5", "-0.0", "1e309", ".inf", "-.inf", ".nan", "true",
      "false", "yes", "no", "on", "off", "null", "~", "\"\"", "''", "\" \"", "250ms", "30s", "5m", "2h", "7d", "-1d",
      "90d", "0s", "1ms", "10x", "5 minutes", "PT5S", "1MB", "64MB", "512KB", "1GB", "0KB", "-1MB", "1TB", "1.5MB",
      "http://127.0.0.1:9/x", "https://a.example.com/api/v2", "ftp://x", "http://", "http://[::1]:80/", "not a url",
      "redis://:pw@127.0.0.1:6379/0", "rediss://h:1", "/api/x", "/api/:id", "/api/*", "/api/*/x", "/health/x",
      "/admin/x", "/hooks/x", "/__demo/x", "api/x", "/a//b", "/a/:/b", "/a/:id/:id", "/x/../y", "GET", "POST",
      "\"*\"", "CONNECT", "TRACE", "get", "json", "xml", "csv", "ical", "relay", "page", "offset", "cursor",
      "header", "query", "bearer", "basic", "oauth2", "sentinel", "cluster", "replication", "standalone",
      "/value", "\"\"", "/a/*/b", "header:X-Total-Count", "header:", "header:Link", "x/y", "\"~1\"", "/~2",
      "10.0.0.0/8", "127.0.0.1/32", "::1/128", "fd00::/8", "10.0.0.0/33", "300.1.1.1/8", "*", "\"https://a.com\"",
      "https://a.com/path", "${X}", "${UNSET}", "${UNSET:-fallback}", "${EMPTY}", "${file:/nonexistent/x}",
      "${file:/proc/self/status}", "${", "${}", "${:-x}", "$${X}", "\"a: b\"", "'quoted'", "\"\\u0000\"", "\"\\t\"",
      "\"line\\nbreak\"", "&anchor x", "*anchor", "!!binary aGVsbG8=", "!!str 5", "!!int x", "!!float 1",
      "!!timestamp 2001-12-14", "2001-12-14t21:59:43.10-05:00", "0x1F", "0o17", "017", "+5", "1_000", "\"[.,\\\"]\"",
      "{ .items[0] }", "[for (.x) .y]", "\"if (\"", "\"{\"", "\"æøå\"", "\"\\U0001F600\""};

  private final SplittableRandom rnd = new SplittableRandom(SEED);
  private final Map<String, String> env = new HashMap<>(Map.of(
      "X", "value-0123456789abcdef", "EMPTY", "", "SHOP_SITE_KEY", "shop-key-0123456789abcdef",
      "ADMIN_TOKEN", "admin-token-0123456789abcdef", "WMS_KEY", "k", "INVENTORY_HOOK_SECRET", "hook-secret-0123456789",
      "REDIS_URL", "", "WPLP_PORT", "8081"));

  private static List<String> seeds() throws IOException {
    Path root = Path.of(System.getProperty("user.dir"));
    List<String> docs = new ArrayList<>();
    for (Path dir : List.of(root.resolve("conf"), root.resolve("conf/examples"), root.resolve("src/test/resources/config"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          docs.add(Files.readString(f));
        }
      }
    }
    if (docs.isEmpty()) {
      docs.add("server: {port: 8080}\nupstreams:\n  a: {baseUrl: http://127.0.0.1:1/x}\nroutes:\n"
          + "  - {name: r, path: /api/r, upstream: a, cache: {ttl: 60s}}\n");
    }
    return docs;
  }

  /** What one document did. */
  private record Outcome(String kind, String detail) {
  }

  @Test
  void everyDocumentGivesAConfigOrPathMessageProblems() throws IOException {
    List<String> seedDocs = seeds();
    ConfigLoader loader = new ConfigLoader(env::get);
    Map<String, String> failures = new LinkedHashMap<>(); // signature → example
    Map<String, Integer> counts = new LinkedHashMap<>();
    int valid = 0;
    int invalid = 0;
    long start = System.nanoTime();
    for (int i = 0; i < CASES; i++) {
      String doc = switch (i % 5) {
        case 0, 1 -> mutateLines(seedDocs.get(rnd.nextInt(seedDocs.size())));
        case 2 -> mutateTokens(seedDocs.get(rnd.nextInt(seedDocs.size())));
        case 3 -> randomTree();
        default -> mutateTokens(mutateLines(seedDocs.get(rnd.nextInt(seedDocs.size()))));
      };
      Outcome o = parse(loader, doc);
      counts.merge(o.kind(), 1, Integer::sum);
      switch (o.kind()) {
        case "config" -> valid++;
        case "problems" -> invalid++;
        default -> failures.putIfAbsent(signature(o), o.kind() + ": " + o.detail() + "\n--- document:\n" + doc);
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("ConfigFuzzTest seed=%d cases=%d valid=%d invalid=%d outcomes=%s in %d ms%n",
        SEED, CASES, valid, invalid, counts, ms);
    StringBuilder msg = new StringBuilder("ConfigFuzzTest seed=" + SEED + " (replay with -Dfuzz.seed=" + SEED
        + "): " + failures.size() + " kinds of failure\n");
    failures.entrySet().stream().limit(12).forEach(e -> msg.append("\n=== ").append(e.getKey()).append("\n")
        .append(e.getValue().length() > 1500 ? e.getValue().substring(0, 1500) + "…" : e.getValue()).append('\n'));
    assertThat(failures).as(msg.toString()).isEmpty();
    assertThat(valid).as("some documents stay valid (the mutations are not all fatal)").isPositive();
    assertThat(invalid).isPositive();
  }

  /** Failures that differ only in numbers, or in the text after the first 60 characters, are one kind. */
  private static String signature(Outcome o) {
    String d = o.detail().replaceAll("[0-9]+", "#").replaceAll("\\s+", " ");
    return o.kind() + ": " + (d.length() > 60 ? d.substring(0, 60) : d);
  }

  /** Runs one parse on its own thread with a deadline, so a hang is a failure, not a stuck build. */
  private static Outcome parse(ConfigLoader loader, String doc) {
    Outcome[] out = new Outcome[1];
    Thread t = new Thread(null, () -> out[0] = parseNow(loader, doc), "config-fuzz", 16 * 1024 * 1024);
    t.setDaemon(true);
    t.start();
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      return new Outcome("hang", "no answer within 10 s");
    }
    return out[0] == null ? new Outcome("error", "no outcome") : out[0];
  }

  private static Outcome parseNow(ConfigLoader loader, String doc) {
    try {
      ProxyConfig c = loader.parse(doc, "fuzz.yaml");
      return c == null ? new Outcome("null", "parse returned null") : new Outcome("config", "");
    } catch (ConfigException e) {
      if (e.problems().isEmpty()) {
        return new Outcome("empty-problems", "ConfigException without problems");
      }
      for (String p : e.problems()) {
        if (!PROBLEM.matcher(p).matches()) {
          return new Outcome("bad-problem-line", p.length() > 200 ? p.substring(0, 200) : p);
        }
      }
      return new Outcome("problems", "");
    } catch (Throwable t) {
      StackTraceElement at = t.getStackTrace().length > 0 ? t.getStackTrace()[0] : null;
      StackTraceElement ours = null;
      for (StackTraceElement el : t.getStackTrace()) {
        if (el.getClassName().startsWith("io.wplive.proxy.config") || el.getClassName().startsWith("io.wplive.proxy.routing")
            || el.getClassName().startsWith("io.wplive.proxy.normalize")) {
          ours = el;
          break;
        }
      }
      return new Outcome(t.getClass().getName(), t.getMessage() + " at " + at + (ours == null ? "" : " (via " + ours + ")"));
    }
  }

  // ---- mutations ----

  private String scalar() {
    return SCALARS[rnd.nextInt(SCALARS.length)];
  }

  private String key() {
    return KEYS[rnd.nextInt(KEYS.length)];
  }

  private String mutateLines(String doc) {
    List<String> lines = new ArrayList<>(List.of(doc.split("\n", -1)));
    int n = 1 + rnd.nextInt(4);
    for (int m = 0; m < n && !lines.isEmpty(); m++) {
      int i = rnd.nextInt(lines.size());
      String line = lines.get(i);
      switch (rnd.nextInt(12)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, line);
        case 2 -> {
          int j = rnd.nextInt(lines.size());
          lines.set(i, lines.get(j));
          lines.set(j, line);
        }
        case 3 -> lines.set(i, "  " + line);
        case 4 -> lines.set(i, line.replaceFirst("^  ", ""));
        case 5 -> lines.set(i, line.replaceFirst(":\\s.*$", q(": " + scalar())));
        case 6 -> lines.set(i, line.replaceFirst("^(\\s*-?\\s*)[A-Za-z]+:", "$1" + q(key()) + ":"));
        case 7 -> lines.set(i, line.isEmpty() ? line : line.substring(0, rnd.nextInt(line.length())));
        case 8 -> lines.add(i, indentOf(line) + key() + ": " + scalar());
        case 9 -> lines.set(i, line.replace(" ", "\t"));
        case 10 -> lines.set(i, line + " " + scalar());
        default -> lines.add(i, indentOf(line) + key() + ":\n" + indentOf(line) + "  " + key() + ": " + scalar());
      }
    }
    String out = String.join("\n", lines);
    if (rnd.nextInt(20) == 0) {
      out = out.substring(0, rnd.nextInt(out.length() + 1)); // a file cut short
    }
    return out;
  }

  private static String q(String replacement) {
    return java.util.regex.Matcher.quoteReplacement(replacement);
  }

  private static String indentOf(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-')) {
      i++;
    }
    return " ".repeat(i);
  }

  private String mutateTokens(String doc) {
    StringBuilder sb = new StringBuilder(doc);
    int n = 1 + rnd.nextInt(6);
    for (int m = 0; m < n && sb.length() > 0; m++) {
      int at = rnd.nextInt(sb.length());
      switch (rnd.nextInt(8)) {
        case 0 -> sb.insert(at, scalar());
        case 1 -> sb.insert(at, "{[]}:-,&*!|>'\"%@`#\n".charAt(rnd.nextInt(19)));
        case 2 -> sb.deleteCharAt(at);
        case 3 -> sb.insert(at, (char) rnd.nextInt(0x20, 0x2FFF));
        case 4 -> sb.insert(at, "\n" + key() + ": " + scalar() + "\n");
        case 5 -> sb.insert(at, (char) rnd.nextInt(0, 0x20));
        case 6 -> {
          int end = Math.min(sb.length(), at + rnd.nextInt(1, 40));
          sb.replace(at, end, scalar());
        }
        default -> sb.insert(at, "[" + scalar() + ", " + scalar() + "]");
      }
    }
    return sb.toString();
  }

  // ---- random trees ----

  private String randomTree() {
    StringBuilder sb = new StringBuilder();
    int sections = 1 + rnd.nextInt(6);
    String[] top = {"server", "logging", "demo", "redis", "cache", "clients", "admin", "upstreams", "routes"};
    for (int s = 0; s < sections; s++) {
      String name = rnd.nextInt(10) == 0 ? key() : top[rnd.nextInt(top.length)];
      sb.append(name).append(':');
      if (name.equals("routes")) {
        sb.append('\n');
        int routes = rnd.nextInt(4);
        for (int r = 0; r < routes; r++) {
          sb.append("  - name: r").append(r).append('\n')
              .append("    path: ").append(rnd.nextBoolean() ? "/api/r" + r : scalar()).append('\n')
              .append("    upstream: ").append(rnd.nextBoolean() ? "u" : scalar()).append('\n');
          node(sb, 2, rnd.nextInt(3));
        }
      } else if (name.equals("upstreams")) {
        sb.append("\n  u:\n    baseUrl: ").append(rnd.nextBoolean() ? "http://127.0.0.1:1/x" : scalar()).append('\n');
        node(sb, 2, rnd.nextInt(3));
      } else if (rnd.nextInt(8) == 0) {
        sb.append(' ').append(scalar()).append('\n');
      } else {
        sb.append('\n');
        node(sb, 1, 1 + rnd.nextInt(3));
      }
    }
    if (rnd.nextInt(15) == 0) {
      // deep nesting and aliases
      sb.append("x: &a [").append("[".repeat(rnd.nextInt(1, 200))).append("]".repeat(0)).append('\n');
      sb.append("y: *a\n");
    }
    return sb.toString();
  }

  private void node(StringBuilder sb, int indent, int depth) {
    int keys = 1 + rnd.nextInt(4);
    for (int k = 0; k < keys; k++) {
      sb.append("  ".repeat(indent)).append(key()).append(':');
      int kind = depth <= 0 ? 0 : rnd.nextInt(5);
      switch (kind) {
        case 0, 1 -> sb.append(' ').append(scalar()).append('\n');
        case 2 -> sb.append(" [").append(scalar()).append(", ").append(scalar()).append("]\n");
        case 3 -> {
          sb.append('\n');
          node(sb, indent + 1, depth - 1);
        }
        default -> {
          sb.append('\n');
          int items = 1 + rnd.nextInt(3);
          for (int i = 0; i < items; i++) {
            sb.append("  ".repeat(indent + 1)).append("- ").append(key()).append(": ").append(scalar()).append('\n');
            if (rnd.nextBoolean()) {
              node(sb, indent + 2, depth - 1);
            }
          }
        }
      }
    }
  }
}

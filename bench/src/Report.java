import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns what bench/run.sh collected ({@code meta.env}, {@code results.tsv}, {@code checks.tsv}
 * under bench/target) into bench/RESULTS.md and prints the main table. Verdicts on the issues'
 * targets (memory tier and Redis tier against the raw server, normalized route against the
 * passthrough route, herd with one and with two instances, upstream down) are computed here, from
 * the numbers, never written by hand. Everything below the notes
 * marker of an existing RESULTS.md (hand-written analysis) is carried over.
 *
 * <p>Usage: {@code java -cp wp-live-proxy.jar:bench/target/classes Report --out bench/target
 * --results-md bench/RESULTS.md [--elapsed SECONDS]}
 */
public final class Report {
  static final String NOTES_MARKER = "<!-- notes: everything below this line is kept when run.sh rewrites this file -->";
  /** In table order; the normalized-route scenarios are measured on the proxy only. */
  static final String[] SCENARIOS = {"hot", "random", "norm-hot", "norm-random"};
  static final String[] SERVERS = {"proxy", "proxy-redis", "raw", "nginx"};
  /** A normalized route's hit should be as fast as a passthrough route's: at least this share of it. */
  static final double NORM_TARGET = 0.95;
  static final double REDIS_TARGET = 0.35;

  /**
   * One wrk measurement (a line of results.tsv). The last four columns came with the Redis tier and
   * are "NaN" in older files: Redis CPU %, wrk's request count, and the memory / Redis tier hits the
   * proxy counted meanwhile ({@code wplp_cache_lookups_total{result="hit"}} from /metrics).
   */
  record Row(int round, String server, String scenario, double rps, double p50, double p99, long non2xx, long sockErr,
      String originDelta, String cpuServer, String cpuClient, String cpuOther, String cpuRedis, double requests,
      double memoryHits, double redisHits) {
  }

  record Check(String server, String kind, String run, Map<String, String> kv) {
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of("bench/target");
    Path md = Path.of("bench/RESULTS.md");
    String elapsed = "?";
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[i + 1]);
        case "--results-md" -> md = Path.of(args[i + 1]);
        case "--elapsed" -> elapsed = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Map<String, String> meta = readMeta(out.resolve("meta.env"));
    List<Row> rows = readRows(out.resolve("results.tsv"));
    List<Check> checks = readChecks(out.resolve("checks.tsv"));
    String notes = existingNotes(md);
    String text = render(meta, rows, checks, notes, elapsed);
    Files.createDirectories(md.toAbsolutePath().getParent());
    Files.writeString(md, text, StandardCharsets.UTF_8);
    System.out.println(summary(rows, checks, meta));
  }

  // ------------------------------------------------------------------ input

  static Map<String, String> readMeta(Path p) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    if (Files.exists(p)) {
      for (String line : Files.readAllLines(p)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          m.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return m;
  }

  static List<Row> readRows(Path p) throws IOException {
    List<Row> rows = new ArrayList<>();
    if (!Files.exists(p)) {
      return rows;
    }
    for (String line : Files.readAllLines(p)) {
      String[] f = line.split("\t");
      if (f.length < 11) {
        continue;
      }
      rows.add(new Row(Integer.parseInt(f[0]), f[1], f[2], num(f[3]), num(f[4]), num(f[5]), (long) num(f[6]), (long) num(f[7]),
          f[8], f[9], f[10], f.length > 11 ? f[11] : "?", f.length > 12 ? f[12] : "NaN", f.length > 13 ? num(f[13]) : Double.NaN,
          f.length > 14 ? num(f[14]) : Double.NaN, f.length > 15 ? num(f[15]) : Double.NaN));
    }
    return rows;
  }

  static List<Check> readChecks(Path p) throws IOException {
    List<Check> checks = new ArrayList<>();
    if (!Files.exists(p)) {
      return checks;
    }
    for (String line : Files.readAllLines(p)) {
      String[] f = line.split("\t", 4);
      if (f.length < 4) {
        continue;
      }
      Map<String, String> kv = new LinkedHashMap<>();
      for (String pair : f[3].trim().split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          kv.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      checks.add(new Check(f[0], f[1], f[2], kv));
    }
    return checks;
  }

  static String existingNotes(Path md) throws IOException {
    if (!Files.exists(md)) {
      return null;
    }
    String s = Files.readString(md);
    int i = s.indexOf(NOTES_MARKER);
    return i < 0 ? null : s.substring(i + NOTES_MARKER.length()).strip();
  }

  static double num(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  // ------------------------------------------------------------------ statistics

  static double median(List<Double> xs) {
    double[] a = xs.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).toArray();
    if (a.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static Row find(List<Row> rows, int round, String server, String scenario) {
    for (Row r : rows) {
      if (r.round == round && r.server.equals(server) && r.scenario.equals(scenario)) {
        return r;
      }
    }
    return null;
  }

  /** The raw server's scenario a scenario compares with: the normalized ones with their passthrough twins. */
  static String base(String scenario) {
    return scenario.startsWith("norm-") ? scenario.substring(5) : scenario;
  }

  /** rps of {@code r} divided by the raw server's rps in the same round and (base) scenario. */
  static double ratio(List<Row> rows, Row r) {
    Row raw = find(rows, r.round, "raw", base(r.scenario));
    return raw == null || raw.rps <= 0 ? Double.NaN : r.rps / raw.rps;
  }

  /** A normalized-route row's rps divided by the proxy's passthrough rps in the same round (the twin scenario). */
  static double normRatio(List<Row> rows, Row r) {
    Row pass = find(rows, r.round, r.server, base(r.scenario));
    return pass == null || pass.rps <= 0 ? Double.NaN : r.rps / pass.rps;
  }

  /** The same from CPU time per request: the passthrough's µs / req divided by the normalized route's. */
  static double normCpuRatio(List<Row> rows, Row r) {
    Row pass = find(rows, r.round, r.server, base(r.scenario));
    return pass == null ? Double.NaN : cpuMicros(pass) / cpuMicros(r);
  }

  /** Server CPU time per answered request, in microseconds (robust to a busy machine, unlike req/s). */
  static double cpuMicros(Row r) {
    double cpu = num(r.cpuServer);
    return Double.isNaN(cpu) || r.rps <= 0 ? Double.NaN : cpu / 100.0 / r.rps * 1e6;
  }

  /** The raw server's CPU µs per request divided by this server's, same round and scenario (1 = as cheap as raw). */
  static double cpuRatio(List<Row> rows, Row r) {
    Row raw = find(rows, r.round, "raw", base(r.scenario));
    return raw == null ? Double.NaN : cpuMicros(raw) / cpuMicros(r);
  }

  static List<String> servers(List<Row> rows) {
    List<String> order = new ArrayList<>();
    for (String s : SERVERS) {
      if (rows.stream().anyMatch(r -> r.server.equals(s))) {
        order.add(s);
      }
    }
    return order;
  }

  static double medianOf(List<Row> rows, String server, String scenario, java.util.function.ToDoubleFunction<Row> f) {
    List<Double> xs = new ArrayList<>();
    for (Row r : rows) {
      if (r.server.equals(server) && r.scenario.equals(scenario)) {
        xs.add(f.applyAsDouble(r));
      }
    }
    return median(xs);
  }

  // ------------------------------------------------------------------ rendering

  static String label(String server) {
    return switch (server) {
      case "proxy" -> "wp-live-proxy (memory tier)";
      case "proxy-redis" -> "wp-live-proxy (Redis tier, memory off)";
      case "proxy-x2" -> "2 × wp-live-proxy (memory tier + one shared Redis)";
      case "raw" -> "raw Vert.x 5 server (ceiling)";
      case "nginx" -> "NGINX proxy_cache";
      default -> server;
    };
  }

  static String scenarioLabel(String s, Map<String, String> meta) {
    String keys = "1000";
    String knobs = meta.getOrDefault("knobs", "");
    int i = knobs.indexOf("KEYS=");
    while (i > 0 && Character.isLetter(knobs.charAt(i - 1))) {
      i = knobs.indexOf("KEYS=", i + 1);
    }
    if (i >= 0) {
      int e = knobs.indexOf(' ', i);
      keys = knobs.substring(i + 5, e < 0 ? knobs.length() : e);
    }
    return switch (s) {
      case "hot" -> "(a) one hot key";
      case "random" -> "(b) " + keys + " keys at random";
      case "norm-hot" -> "(c) normalized route, one hot key";
      case "norm-random" -> "(d) normalized route, " + keys + " keys at random";
      default -> s;
    };
  }

  static String f0(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%,.0f", d);
  }

  static String f1(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.1f", d);
  }

  static String f2(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.2f", d);
  }

  static String f3(double d) {
    return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.3f", d);
  }

  static String render(Map<String, String> meta, List<Row> rows, List<Check> checks, String notes, String elapsed) {
    StringBuilder sb = new StringBuilder();
    sb.append("# wp-live-proxy benchmark results\n\n");
    sb.append("Generated by `bench/run.sh` on ").append(meta.getOrDefault("date", "?")).append(" (total run time ")
        .append(elapsed).append(" s). The tables and the verdicts are computed from the measurements by `bench/src/Report.java`; ")
        .append("the notes at the end are hand-written.\n\n");
    if ("1".equals(meta.get("quick"))) {
      sb.append("> **QUICK=1 smoke run**: short warm-up and measurements, one round. Do not quote these numbers.\n\n");
    }

    sb.append("## Machine and versions\n\n");
    sb.append("| | |\n|---|---|\n");
    row2(sb, "CPUs (`nproc`)", meta.get("nproc"));
    row2(sb, "CPU model", meta.get("cpu"));
    row2(sb, "memory", meta.get("mem"));
    row2(sb, "kernel", meta.get("kernel"));
    row2(sb, "load average at start / end", meta.get("loadavg_start") + " / " + meta.getOrDefault("loadavg_end", "?"));
    row2(sb, "Java", meta.get("java"));
    row2(sb, "Vert.x / Netty (from the proxy jar)", resource("META-INF/vertx/vertx-version.txt") + " / " + nettyVersion());
    row2(sb, "wp-live-proxy", proxyVersion() + ", work tree " + meta.getOrDefault("git", "?"));
    row2(sb, "NGINX", meta.get("nginx"));
    if (meta.containsKey("redis")) {
      row2(sb, "Redis (the bench's own)", meta.get("redis"));
    }
    row2(sb, "wrk", meta.get("wrk"));
    row2(sb, "JVM flags (proxy and raw server)", "`" + meta.get("jvm_opts") + "`");
    row2(sb, "nice value of every bench process", meta.getOrDefault("nice", "0"));
    row2(sb, "knobs", "`" + meta.get("knobs") + "`");
    sb.append('\n');

    sb.append("## How it was measured\n\n");
    sb.append("Everything on loopback. The server under test is pinned to one core with `taskset`, wrk (1 thread) and the ")
        .append("helpers (origin, burst client) to the other. **Redis** (the bench starts its own `redis-server`, no persistence) ")
        .append("is pinned to that client core too, so for the Redis-tier column it shares a core with wrk: this machine has only ")
        .append("2 cores, while a real deployment has Redis on another host (and a network round trip per lookup instead of loopback); ")
        .append("its CPU is reported in its own column. The servers run one at a time, interleaved in every round ")
        .append("with the order rotated; each is started fresh, warmed up under load (random keys, which also fills its ")
        .append("cache), then measured. Medians over the rounds; each ratio is to the raw Vert.x server **in the same round**, ")
        .append("and the ratio column is the median of those per-round ratios. CPU columns are the share of one core the ")
        .append("server and wrk used in the measured window (from `/proc/PID/stat`); a server well below 100% with wrk at ")
        .append("100% would mean the client was the limit; \"other CPU\" is what the rest of the machine used meanwhile ")
        .append("(other processes, steal), in % of one core: anything above a few % disturbed that measurement. ")
        .append("\"server CPU µs / req\" is the server's CPU time per answer (its CPU % over req/s): it depends less than req/s ")
        .append("on how much of the core the server got (contention still inflates it somewhat), so on a busy machine the ratio \"raw's CPU per req ÷ this\" ")
        .append("is the better estimate of the throughput ratio a quiet, CPU-bound run would show. \"origin req.\" counts requests that reached the origin while ")
        .append("measuring: 0 means every answer was a cache hit. ")
        .append("\"hits memory / Redis\" (every-round table) are the proxy's own counters (`wplp_cache_lookups_total{result=\"hit\"}` ")
        .append("per tier, from `/metrics` before and after the window) against wrk's request count: the Redis-tier column is valid ")
        .append("only when every request was a Redis hit and none a memory hit.\n\n");
    sb.append("```\n");
    for (String k : List.of("cmd_build", "cmd_origin", "cmd_redis", "cmd_proxy", "cmd_proxy_redis", "cmd_raw", "cmd_nginx", "cmd_warmup", "cmd_hot",
        "cmd_random", "cmd_norm", "cmd_herd", "cmd_herd2", "cmd_down")) {
      if (meta.containsKey(k)) {
        sb.append(meta.get(k)).append('\n');
      }
    }
    sb.append("```\n\n");
    sb.append("The origin (`bench/src/Origin.java`) serves a 2,048-byte JSON document per key with `Cache-Control: max-age` ")
        .append("and counts requests; the raw server (`bench/src/RawServer.java`) answers the same bytes from a map with one ")
        .append("event loop. The NGINX config is `bench/target/nginx.conf` (generated; `proxy_cache_lock on`, ")
        .append("`proxy_cache_use_stale error timeout updating`, `keepalive_requests` 10M, cache files on tmpfs). ")
        .append("The proxy configs are `bench/target/proxy-*.yaml` (generated): `proxy-redis.yaml` is `proxy-throughput.yaml` plus ")
        .append("`redis: { url: … }` and `cache: { memory: { maxSize: 0 } }` (SPEC §3: 0 switches the memory tier off). ")
        .append("The normalized route `/norm/products/:id` fetches the same upstream document as `/products/:id` and maps every ")
        .append("field through `normalize:` (`format: json`, `items: \"\"`, typed price, inStock, stock, updatedAt), so it answers ")
        .append("the `{\"data\":{…},\"meta\":{…}}` envelope of SPEC §6.\n\n");

    // --- throughput
    sb.append("## Cache-hit throughput (medians of ").append(rounds(rows)).append(" rounds)\n\n");
    if (rows.isEmpty()) {
      sb.append("No throughput measurements.\n\n");
    } else {
      sb.append("| scenario | server | req/s | × raw (same round) | p50 ms | p99 ms | server CPU µs / req | raw's CPU per req ÷ this | server CPU % | wrk CPU % | Redis CPU % | other CPU % | origin req. | non-2xx / socket errors |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (String sc : SCENARIOS) {
        for (String s : servers(rows)) {
          List<Double> ratios = new ArrayList<>();
          List<Double> cpuRatios = new ArrayList<>();
          long non = 0;
          long err = 0;
          List<String> od = new ArrayList<>();
          for (Row r : rows) {
            if (r.server.equals(s) && r.scenario.equals(sc)) {
              ratios.add(ratio(rows, r));
              cpuRatios.add(cpuRatio(rows, r));
              non += r.non2xx;
              err += r.sockErr;
              od.add(r.originDelta);
            }
          }
          if (od.isEmpty()) {
            continue;
          }
          sb.append("| ").append(scenarioLabel(sc, meta)).append(" | ").append(label(s)).append(" | ")
              .append(f0(medianOf(rows, s, sc, Row::rps))).append(" | ")
              .append(s.equals("raw") ? "1.00" : f2(median(ratios))).append(" | ")
              .append(f3(medianOf(rows, s, sc, Row::p50))).append(" | ")
              .append(f3(medianOf(rows, s, sc, Row::p99))).append(" | ")
              .append(f1(medianOf(rows, s, sc, Report::cpuMicros))).append(" | ")
              .append(s.equals("raw") ? "1.00" : f2(median(cpuRatios))).append(" | ")
              .append(f0(medianOf(rows, s, sc, r -> num(r.cpuServer)))).append(" | ")
              .append(f0(medianOf(rows, s, sc, r -> num(r.cpuClient)))).append(" | ")
              .append(s.equals("proxy-redis") ? f0(medianOf(rows, s, sc, r -> num(r.cpuRedis))) : "–").append(" | ")
              .append(f0(medianOf(rows, s, sc, r -> num(r.cpuOther)))).append(" | ")
              .append(s.equals("raw") ? "–" : String.join("/", od)).append(" | ")
              .append(non).append(" / ").append(err).append(" |\n");
        }
      }
      sb.append("\nEvery round:\n\n");
      sb.append("| round | scenario | server | req/s | × raw | p50 ms | p99 ms | CPU µs / req | server CPU % | wrk CPU % | Redis CPU % | other CPU % | origin req. | hits memory / Redis (of requests) |\n");
      sb.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Row r : rows) {
        sb.append("| ").append(r.round).append(" | ").append(r.scenario).append(" | ").append(r.server).append(" | ")
            .append(f0(r.rps)).append(" | ").append(f2(ratio(rows, r))).append(" | ").append(f3(r.p50)).append(" | ")
            .append(f3(r.p99)).append(" | ").append(f1(cpuMicros(r))).append(" | ").append(r.cpuServer).append(" | ").append(r.cpuClient).append(" | ")
            .append(r.server.equals("proxy-redis") ? r.cpuRedis : "–").append(" | ").append(r.cpuOther).append(" | ")
            .append(r.server.equals("raw") ? "–" : r.originDelta).append(" | ")
            .append(Double.isNaN(r.memoryHits) ? "–" : f0(r.memoryHits) + " / " + f0(r.redisHits) + " (" + f0(r.requests) + ")").append(" |\n");
      }
      sb.append('\n');
      normSection(sb, meta, rows);
      List<String> warnings = validity(rows);
      if (!warnings.isEmpty()) {
        sb.append("Validity warnings:\n\n");
        for (String w : warnings) {
          sb.append("- ").append(w).append('\n');
        }
        sb.append('\n');
      }
    }

    // --- herd
    String delay = meta.getOrDefault("herd_delay_ms", "500");
    sb.append("## Thundering herd\n\n");
    List<Check> herd = checks.stream().filter(c -> c.kind.equals("herd")).toList();
    if (herd.isEmpty()) {
      sb.append("Not run.\n\n");
    } else {
      sb.append("A fresh server (the proxy after a JIT warm-up on other keys), a key nobody asked for yet, origin delay ")
          .append(delay).append(" ms; all requests written on pre-opened connections in one loop (`bench/src/Burst.java`), ")
          .append("latency from each request's write to its last byte.\n\n");
      sb.append("| server | run | requests | reached the origin | status | X-Cache | `collapsed` | p50 ms | p99 ms | max ms | machine busy % |\n");
      sb.append("|---|---:|---:|---:|---|---|---:|---:|---:|---:|---:|\n");
      for (Check c : herd) {
        sb.append("| ").append(label(c.server)).append(" | ").append(c.run).append(" | ").append(c.kv.get("requests")).append(" | ")
            .append(c.kv.get("origin_requests")).append(" | ").append(c.kv.get("status")).append(" | ").append(c.kv.get("xcache"))
            .append(" | ").append(c.kv.get("collapsed")).append(" | ").append(c.kv.get("p50_ms")).append(" | ")
            .append(c.kv.get("p99_ms")).append(" | ").append(c.kv.get("max_ms")).append(" | ")
            .append(c.kv.getOrDefault("machine_busy_pct", "?")).append(" |\n");
      }
      sb.append("\n\"machine busy\": both CPUs, everything included (the server, the burst client, the origin and whatever else ran), ")
          .append("in % of one core, while the burst ran.\n\n");
    }

    // --- herd, two instances
    List<Check> herd2 = checks.stream().filter(c -> c.kind.equals("herd2")).toList();
    if (!herd2.isEmpty()) {
      sb.append("## Thundering herd, two instances on one Redis\n\n");
      sb.append("Two fresh proxies (memory tier on) on ports ").append(herd2Ports(herd2.get(0)))
          .append(", both pinned to the server core and sharing the bench's Redis (flushed first), warmed up at the same time; then ")
          .append("the same burst as above for a key nobody asked for yet, its connections dealt round-robin to the two instances ")
          .append("(origin delay ").append(delay).append(" ms). Exactly one instance should fetch (the fleet lock in Redis), the other ")
          .append("wait for that answer.\n\n");
      sb.append("| run | requests per instance | reached the origin | status | X-Cache | X-Cache per instance | `collapsed` | p50 ms | p99 ms | max ms | machine busy % |\n");
      sb.append("|---:|---|---:|---|---|---|---:|---:|---:|---:|---:|\n");
      for (Check c : herd2) {
        StringBuilder per = new StringBuilder();
        for (Map.Entry<String, String> e : c.kv.entrySet()) {
          if (e.getKey().startsWith("xcache_")) {
            per.append(per.length() == 0 ? "" : "; ").append(e.getKey().substring(7)).append(": ").append(e.getValue());
          }
        }
        sb.append("| ").append(c.run).append(" | ").append(c.kv.getOrDefault("ports", "?")).append(" | ")
            .append(c.kv.get("origin_requests")).append(" | ").append(c.kv.get("status")).append(" | ").append(c.kv.get("xcache"))
            .append(" | ").append(per.length() == 0 ? "?" : per).append(" | ").append(c.kv.get("collapsed")).append(" | ")
            .append(c.kv.get("p50_ms")).append(" | ").append(c.kv.get("p99_ms")).append(" | ").append(c.kv.get("max_ms")).append(" | ")
            .append(c.kv.getOrDefault("machine_busy_pct", "?")).append(" |\n");
      }
      sb.append("\n\"requests per instance\" and \"X-Cache per instance\" are keyed by port.\n\n");
    }

    // --- down
    sb.append("## Upstream down\n\n");
    List<Check> down = checks.stream().filter(c -> c.kind.equals("down")).toList();
    if (down.isEmpty()) {
      sb.append("Not run.\n\n");
    } else {
      Map<String, String> k0 = down.get(0).kv;
      sb.append("Keys primed through a route with a short ttl (and the origin's `max-age`) and a long `staleIfError`, the origin ")
          .append("process stopped (connections refused), then, ").append(k0.get("stale_after_s")).append(" s later (all entries stale), ")
          .append(k0.get("requests")).append(" requests over ").append(k0.get("connections"))
          .append(" keep-alive connections, spread over the primed keys.\n\n");
      sb.append("| server | requests | status | X-Cache | errors / timeouts | p50 ms | p90 ms | p99 ms | max ms | machine busy % |\n");
      sb.append("|---|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
      for (Check c : down) {
        sb.append("| ").append(label(c.server)).append(" | ").append(c.kv.get("requests")).append(" | ").append(c.kv.get("status"))
            .append(" | ").append(c.kv.get("xcache")).append(" | ").append(c.kv.get("errors")).append(" / ").append(c.kv.get("timeouts"))
            .append(" | ").append(c.kv.get("p50_ms")).append(" | ").append(c.kv.get("p90_ms")).append(" | ")
            .append(c.kv.get("p99_ms")).append(" | ").append(c.kv.get("max_ms")).append(" | ")
            .append(c.kv.getOrDefault("machine_busy_pct", "?")).append(" |\n");
      }
      sb.append('\n');
    }

    // --- targets
    sb.append("## Targets (reported, not asserted)\n\n");
    sb.append("| target | measured | verdict |\n|---|---|---|\n");
    for (String[] t : targets(rows, checks, delay)) {
      sb.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2]).append(" |\n");
    }
    sb.append('\n');

    sb.append(NOTES_MARKER).append("\n\n");
    sb.append(notes == null ? "## Notes\n\n(none yet)\n" : notes + "\n");
    return sb.toString();
  }

  static String herd2Ports(Check c) {
    String p = c.kv.getOrDefault("ports", "");
    StringBuilder sb = new StringBuilder();
    for (String part : p.split(",")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        sb.append(sb.length() == 0 ? "" : " and ").append(part, 0, colon);
      }
    }
    return sb.length() == 0 ? "PORT and PORT2" : sb.toString();
  }

  /** The normalized route against its passthrough twin, same server, same round. */
  static void normSection(StringBuilder sb, Map<String, String> meta, List<Row> rows) {
    List<Row> norm = rows.stream().filter(r -> r.scenario.startsWith("norm-")).toList();
    if (norm.isEmpty()) {
      return;
    }
    sb.append("Normalized route against the passthrough route (proxy, same round): ");
    if (meta.containsKey("norm_bytes")) {
      sb.append("`GET /norm/products/1` answered ").append(meta.get("norm_bytes")).append(" bytes (the passthrough `/products/1`: ")
          .append(meta.getOrDefault("norm_passthrough_bytes", "?")).append("), `{\"data\":{…},\"meta\":{…}}` envelope: ")
          .append("yes".equals(meta.get("norm_envelope")) ? "yes" : "**NO**").append(", X-Cache ")
          .append(meta.getOrDefault("norm_xcache", "?")).append(" (body in `bench/target/norm-products-1.json`).");
    }
    sb.append("\n\n| round | scenario | normalized req/s | passthrough req/s | normalized ÷ passthrough | from CPU µs / req (passthrough's ÷ normalized's) |\n");
    sb.append("|---:|---|---:|---:|---:|---:|\n");
    for (Row r : norm) {
      Row pass = find(rows, r.round, r.server, base(r.scenario));
      sb.append("| ").append(r.round).append(" | ").append(r.scenario).append(" vs ").append(base(r.scenario)).append(" | ")
          .append(f0(r.rps)).append(" | ").append(pass == null ? "n/a" : f0(pass.rps)).append(" | ")
          .append(f2(normRatio(rows, r))).append(" | ").append(f2(normCpuRatio(rows, r))).append(" |\n");
    }
    sb.append('\n');
  }

  static int rounds(List<Row> rows) {
    return rows.stream().mapToInt(Row::round).max().orElse(0);
  }

  static void row2(StringBuilder sb, String k, String v) {
    sb.append("| ").append(k).append(" | ").append(v == null ? "?" : v.replace("|", "\\|")).append(" |\n");
  }

  static List<String> validity(List<Row> rows) {
    List<String> w = new ArrayList<>();
    int disturbed = 0;
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (Row r : rows) {
      double cs = num(r.cpuServer);
      double cc = num(r.cpuClient);
      double co = num(r.cpuOther);
      double cr = r.server.equals("proxy-redis") ? num(r.cpuRedis) : Double.NaN;
      if (!Double.isNaN(cr) && cc + cr >= 95 && cs < 90) {
        w.add("round " + r.round + " " + r.server + " " + r.scenario + ": wrk and Redis used " + r.cpuClient + "% + " + r.cpuRedis
            + "% of their shared core while the server used " + r.cpuServer + "%: client-bound, the server may do more.");
      } else if (cc >= 95 && cs < 90) {
        w.add("round " + r.round + " " + r.server + " " + r.scenario + ": wrk used " + r.cpuClient + "% of its core while the server used "
            + r.cpuServer + "%: client-bound, the server may do more.");
      }
      if (!Double.isNaN(r.memoryHits) && !Double.isNaN(r.requests)) {
        if (r.server.equals("proxy-redis") && (r.memoryHits > 0 || r.redisHits < r.requests)) {
          w.add("round " + r.round + " proxy-redis " + r.scenario + ": " + f0(r.memoryHits) + " memory-tier and " + f0(r.redisHits)
              + " Redis-tier hits for " + f0(r.requests) + " requests: not every answer came from Redis.");
        } else if (r.server.equals("proxy") && r.memoryHits < r.requests) {
          w.add("round " + r.round + " proxy " + r.scenario + ": " + f0(r.memoryHits) + " memory-tier hits for " + f0(r.requests)
              + " requests.");
        }
      }
      if (co > 10) {
        disturbed++;
        lo = Math.min(lo, co);
        hi = Math.max(hi, co);
      }
      if (!r.server.equals("raw") && !"0".equals(r.originDelta)) {
        w.add("round " + r.round + " " + r.server + " " + r.scenario + ": " + r.originDelta + " requests reached the origin while measuring (not all hits).");
      }
      if (r.non2xx > 0 || r.sockErr > 0) {
        w.add("round " + r.round + " " + r.server + " " + r.scenario + ": " + r.non2xx + " non-2xx answers, " + r.sockErr + " socket errors.");
      }
    }
    if (disturbed > 0) {
      w.add(0, "**" + disturbed + " of " + rows.size() + " measurements ran while the rest of the machine used " + f0(lo) + "–" + f0(hi)
          + "% of a core** (other processes or steal): the machine was not quiet, so absolute numbers are low and noisy; "
          + "compare servers through the same-round ratios, and re-run on a quiet machine before trusting small differences.");
    }
    return w;
  }

  /** How a row compares: to the raw server, or a normalized route to its passthrough twin. */
  interface RatioFn {
    double of(List<Row> rows, Row r);
  }

  /** One "≥ target" row on a per-round ratio (median over rounds), and its estimate from CPU time per request. */
  static void ratioTarget(List<String[]> t, List<Row> rows, String server, String sc, String what, double target, RatioFn ratio,
      RatioFn cpuRatio, String cpuWhat) {
    List<Double> ratios = new ArrayList<>();
    List<Double> cr = new ArrayList<>();
    for (Row r : rows) {
      if (r.server.equals(server) && r.scenario.equals(sc)) {
        ratios.add(ratio.of(rows, r));
        cr.add(cpuRatio.of(rows, r));
      }
    }
    double m = median(ratios);
    if (Double.isNaN(m)) {
      t.add(new String[] {what, "not measured", "–"});
      return;
    }
    StringBuilder per = new StringBuilder();
    for (double d : ratios) {
      per.append(per.length() == 0 ? "" : ", ").append(f2(d));
    }
    t.add(new String[] {what, f2(m) + "× (median; per round " + per + ")", m >= target ? "**met**" : "**MISSED**"});
    double c = median(cr);
    if (!Double.isNaN(c)) {
      t.add(new String[] {"… the same, estimated from CPU time per request (" + cpuWhat + ")", f2(c) + "×",
          (c >= target ? "met" : "missed") + " (estimate)"});
    }
  }

  /** Exactly one origin request with every answer 200, and p99 within the origin delay + 30 ms. */
  static void herdTargets(List<String[]> t, List<Check> checks, String kind, String server, String name, String delay) {
    List<Check> herd = checks.stream().filter(c -> c.kind.equals(kind) && c.server.equals(server)).toList();
    double limit = num(delay) + 30;
    if (herd.isEmpty()) {
      t.add(new String[] {name + ": exactly 1 origin request", "not measured", "–"});
      t.add(new String[] {name + ": p99 ≤ origin delay + 30 ms", "not measured", "–"});
      return;
    }
    boolean one = true;
    boolean fast = true;
    StringBuilder o = new StringBuilder();
    StringBuilder p = new StringBuilder();
    for (Check c : herd) {
      one &= "1".equals(c.kv.get("origin_requests")) && c.kv.getOrDefault("status", "").equals("200:" + c.kv.get("requests"));
      fast &= num(c.kv.getOrDefault("p99_ms", "NaN")) <= limit;
      o.append(o.length() == 0 ? "" : ", ").append(c.kv.get("origin_requests"));
      p.append(p.length() == 0 ? "" : ", ").append(c.kv.get("p99_ms"));
    }
    t.add(new String[] {name + ": exactly 1 origin request (all answers 200)", "origin requests per run: " + o, one ? "**met**" : "**MISSED**"});
    t.add(new String[] {name + ": p99 ≤ " + f0(limit) + " ms", "p99 per run: " + p + " ms", fast ? "**met**" : "**MISSED**"});
  }

  static List<String[]> targets(List<Row> rows, List<Check> checks, String delay) {
    List<String[]> t = new ArrayList<>();
    for (String sc : List.of("hot", "random")) {
      ratioTarget(t, rows, "proxy", sc, "memory-tier hit throughput ≥ 0.9× raw Vert.x, " + (sc.equals("hot") ? "one key" : "random keys"),
          0.9, Report::ratio, Report::cpuRatio, "raw's ÷ proxy's");
    }
    if (rows.stream().anyMatch(r -> r.server.equals("proxy-redis"))) {
      for (String sc : List.of("hot", "random")) {
        ratioTarget(t, rows, "proxy-redis", sc, "Redis-tier hit throughput ≥ " + f2(REDIS_TARGET) + "× raw, "
            + (sc.equals("hot") ? "one key" : "random keys") + " (memory tier off)", REDIS_TARGET, Report::ratio, Report::cpuRatio,
            "raw's ÷ proxy-redis's");
      }
    }
    for (String sc : List.of("norm-hot", "norm-random")) {
      if (sc.equals("norm-hot") || rows.stream().anyMatch(r -> r.scenario.equals(sc))) {
        ratioTarget(t, rows, "proxy", sc, "normalized-route hit ÷ passthrough hit ≈ 1 (≥ " + f2(NORM_TARGET) + "), "
            + (sc.equals("norm-hot") ? "one key" : "random keys") + ", same round", NORM_TARGET, Report::normRatio, Report::normCpuRatio,
            "passthrough's ÷ normalized's");
      }
    }
    herdTargets(t, checks, "herd", "proxy", "herd", delay);
    if (checks.stream().anyMatch(c -> c.kind.equals("herd2"))) {
      herdTargets(t, checks, "herd2", "proxy-x2", "herd, two instances on one Redis", delay);
    }
    List<Check> down = checks.stream().filter(c -> c.kind.equals("down") && c.server.equals("proxy")).toList();
    if (down.isEmpty()) {
      t.add(new String[] {"upstream down: 100% 200 from the stale copy", "not measured", "–"});
      t.add(new String[] {"upstream down: p99 ≤ 2 ms", "not measured", "–"});
    } else {
      Map<String, String> kv = down.get(0).kv;
      String n = kv.get("requests");
      boolean all200 = ("200:" + n).equals(kv.get("status"));
      boolean allStale = ("STALE:" + n).equals(kv.get("xcache"));
      t.add(new String[] {"upstream down: 100% 200 from the stale copy", "status " + kv.get("status") + ", X-Cache " + kv.get("xcache"),
          all200 && allStale ? "**met**" : "**MISSED**"});
      double p99 = num(kv.getOrDefault("p99_ms", "NaN"));
      t.add(new String[] {"upstream down: p99 ≤ 2 ms", f3(p99) + " ms", p99 <= 2 ? "**met**" : "**MISSED**"});
    }
    return t;
  }

  static String summary(List<Row> rows, List<Check> checks, Map<String, String> meta) {
    StringBuilder sb = new StringBuilder("\n");
    sb.append(String.format(Locale.ROOT, "%-42s %-12s %12s %8s %9s %9s%n", "scenario", "server", "req/s", "x raw", "p50 ms", "p99 ms"));
    for (String sc : SCENARIOS) {
      for (String s : servers(rows)) {
        List<Double> ratios = new ArrayList<>();
        for (Row r : rows) {
          if (r.server.equals(s) && r.scenario.equals(sc)) {
            ratios.add(ratio(rows, r));
          }
        }
        if (ratios.isEmpty()) {
          continue;
        }
        sb.append(String.format(Locale.ROOT, "%-42s %-12s %12s %8s %9s %9s%n", scenarioLabel(sc, meta), s,
            f0(medianOf(rows, s, sc, Row::rps)), f2(median(ratios)), f3(medianOf(rows, s, sc, Row::p50)),
            f3(medianOf(rows, s, sc, Row::p99))));
      }
    }
    for (Check c : checks) {
      sb.append(c.kind).append(' ').append(c.server).append(" run ").append(c.run).append(": ")
          .append(c.kv.containsKey("origin_requests") ? "origin requests " + c.kv.get("origin_requests") + ", " : "")
          .append("status ").append(c.kv.get("status")).append(", X-Cache ").append(c.kv.get("xcache"))
          .append(", p50 ").append(c.kv.get("p50_ms")).append(" ms, p99 ").append(c.kv.get("p99_ms")).append(" ms\n");
    }
    sb.append('\n');
    for (String[] t : targets(rows, checks, meta.getOrDefault("herd_delay_ms", "500"))) {
      sb.append(t[2].replace("*", "")).append(": ").append(t[0]).append(" — ").append(t[1]).append('\n');
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ versions

  static String resource(String name) {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? "?" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  static String nettyVersion() {
    try {
      Class<?> v = Class.forName("io.netty.util.Version");
      @SuppressWarnings("unchecked")
      Map<String, ?> m = (Map<String, ?>) v.getMethod("identify").invoke(null);
      Object common = m.get("netty-common");
      if (common == null) {
        return "?";
      }
      return String.valueOf(common.getClass().getMethod("artifactVersion").invoke(common));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "?";
    }
  }

  static String proxyVersion() {
    try (InputStream in = Report.class.getClassLoader().getResourceAsStream("META-INF/maven/io.wplive/wp-live-proxy/pom.properties")) {
      if (in == null) {
        return "?";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }
}

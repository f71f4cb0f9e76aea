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
 * under bench/target) into bench/RESULTS.md and prints the main table. Verdicts on the issue's
 * targets are computed here, from the numbers, never written by hand. Everything below the notes
 * marker of an existing RESULTS.md (hand-written analysis) is carried over.
 *
 * <p>Usage: {@code java -cp wp-live-proxy.jar:bench/target/classes Report --out bench/target
 * --results-md bench/RESULTS.md [--elapsed SECONDS]}
 */
public final class Report {
  static final String NOTES_MARKER = "<!-- notes: everything below this line is kept when run.sh rewrites this file -->";
  static final String[] SCENARIOS = {"hot", "random"};

  record Row(int round, String server, String scenario, double rps, double p50, double p99, long non2xx, long sockErr,
      String originDelta, String cpuServer, String cpuClient, String cpuOther) {
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
          f[8], f[9], f[10], f.length > 11 ? f[11] : "?"));
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

  /** rps of {@code r} divided by the raw server's rps in the same round and scenario. */
  static double ratio(List<Row> rows, Row r) {
    Row raw = find(rows, r.round, "raw", r.scenario);
    return raw == null || raw.rps <= 0 ? Double.NaN : r.rps / raw.rps;
  }

  /** Server CPU time per answered request, in microseconds (robust to a busy machine, unlike req/s). */
  static double cpuMicros(Row r) {
    double cpu = num(r.cpuServer);
    return Double.isNaN(cpu) || r.rps <= 0 ? Double.NaN : cpu / 100.0 / r.rps * 1e6;
  }

  /** The raw server's CPU µs per request divided by this server's, same round and scenario (1 = as cheap as raw). */
  static double cpuRatio(List<Row> rows, Row r) {
    Row raw = find(rows, r.round, "raw", r.scenario);
    return raw == null ? Double.NaN : cpuMicros(raw) / cpuMicros(r);
  }

  static List<String> servers(List<Row> rows) {
    List<String> order = new ArrayList<>();
    for (String s : List.of("proxy", "raw", "nginx")) {
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
    return s.equals("hot") ? "(a) one hot key" : "(b) " + keys + " keys at random";
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
    row2(sb, "wrk", meta.get("wrk"));
    row2(sb, "JVM flags (proxy and raw server)", "`" + meta.get("jvm_opts") + "`");
    row2(sb, "nice value of every bench process", meta.getOrDefault("nice", "0"));
    row2(sb, "knobs", "`" + meta.get("knobs") + "`");
    sb.append('\n');

    sb.append("## How it was measured\n\n");
    sb.append("Everything on loopback. The server under test is pinned to one core with `taskset`, wrk (1 thread) and the ")
        .append("helpers (origin, burst client) to the other. The servers run one at a time, interleaved in every round ")
        .append("with the order rotated; each is started fresh, warmed up under load (random keys, which also fills its ")
        .append("cache), then measured. Medians over the rounds; each ratio is to the raw Vert.x server **in the same round**, ")
        .append("and the ratio column is the median of those per-round ratios. CPU columns are the share of one core the ")
        .append("server and wrk used in the measured window (from `/proc/PID/stat`); a server well below 100% with wrk at ")
        .append("100% would mean the client was the limit; \"other CPU\" is what the rest of the machine used meanwhile ")
        .append("(other processes, steal), in % of one core: anything above a few % disturbed that measurement. ")
        .append("\"server CPU µs / req\" is the server's CPU time per answer (its CPU % over req/s): it depends less than req/s ")
        .append("on how much of the core the server got (contention still inflates it somewhat), so on a busy machine the ratio \"raw's CPU per req ÷ this\" ")
        .append("is the better estimate of the throughput ratio a quiet, CPU-bound run would show. \"origin req.\" counts requests that reached the origin while ")
        .append("measuring: 0 means every answer was a cache hit.\n\n");
    sb.append("```\n");
    for (String k : List.of("cmd_build", "cmd_origin", "cmd_proxy", "cmd_raw", "cmd_nginx", "cmd_warmup", "cmd_hot", "cmd_random", "cmd_herd", "cmd_down")) {
      if (meta.containsKey(k)) {
        sb.append(meta.get(k)).append('\n');
      }
    }
    sb.append("```\n\n");
    sb.append("The origin (`bench/src/Origin.java`) serves a 2,048-byte JSON document per key with `Cache-Control: max-age` ")
        .append("and counts requests; the raw server (`bench/src/RawServer.java`) answers the same bytes from a map with one ")
        .append("event loop. The NGINX config is `bench/target/nginx.conf` (generated; `proxy_cache_lock on`, ")
        .append("`proxy_cache_use_stale error timeout updating`, `keepalive_requests` 10M, cache files on tmpfs).\n\n");

    // --- throughput
    sb.append("## Cache-hit throughput (medians of ").append(rounds(rows)).append(" rounds)\n\n");
    if (rows.isEmpty()) {
      sb.append("No throughput measurements.\n\n");
    } else {
      sb.append("| scenario | server | req/s | × raw (same round) | p50 ms | p99 ms | server CPU µs / req | raw's CPU per req ÷ this | server CPU % | wrk CPU % | other CPU % | origin req. | non-2xx / socket errors |\n");
      sb.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
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
              .append(f0(medianOf(rows, s, sc, r -> num(r.cpuOther)))).append(" | ")
              .append(s.equals("raw") ? "–" : String.join("/", od)).append(" | ")
              .append(non).append(" / ").append(err).append(" |\n");
        }
      }
      sb.append("\nEvery round:\n\n");
      sb.append("| round | scenario | server | req/s | × raw | p50 ms | p99 ms | CPU µs / req | server CPU % | wrk CPU % | other CPU % | origin req. |\n");
      sb.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Row r : rows) {
        sb.append("| ").append(r.round).append(" | ").append(r.scenario).append(" | ").append(r.server).append(" | ")
            .append(f0(r.rps)).append(" | ").append(f2(ratio(rows, r))).append(" | ").append(f3(r.p50)).append(" | ")
            .append(f3(r.p99)).append(" | ").append(f1(cpuMicros(r))).append(" | ").append(r.cpuServer).append(" | ").append(r.cpuClient).append(" | ").append(r.cpuOther).append(" | ")
            .append(r.server.equals("raw") ? "–" : r.originDelta).append(" |\n");
      }
      sb.append('\n');
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
      if (cc >= 95 && cs < 90) {
        w.add("round " + r.round + " " + r.server + " " + r.scenario + ": wrk used " + r.cpuClient + "% of its core while the server used "
            + r.cpuServer + "%: client-bound, the server may do more.");
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

  static List<String[]> targets(List<Row> rows, List<Check> checks, String delay) {
    List<String[]> t = new ArrayList<>();
    for (String sc : SCENARIOS) {
      List<Double> ratios = new ArrayList<>();
      for (Row r : rows) {
        if (r.server.equals("proxy") && r.scenario.equals(sc)) {
          ratios.add(ratio(rows, r));
        }
      }
      double m = median(ratios);
      String what = "memory-tier hit throughput ≥ 0.9× raw Vert.x, " + (sc.equals("hot") ? "one key" : "random keys");
      if (Double.isNaN(m)) {
        t.add(new String[] {what, "not measured", "–"});
      } else {
        StringBuilder per = new StringBuilder();
        for (double d : ratios) {
          per.append(per.length() == 0 ? "" : ", ").append(f2(d));
        }
        t.add(new String[] {what, f2(m) + "× (median; per round " + per + ")", m >= 0.9 ? "**met**" : "**MISSED**"});
        List<Double> cr = new ArrayList<>();
        for (Row r : rows) {
          if (r.server.equals("proxy") && r.scenario.equals(sc)) {
            cr.add(cpuRatio(rows, r));
          }
        }
        double c = median(cr);
        if (!Double.isNaN(c)) {
          t.add(new String[] {"… the same, estimated from CPU time per request (raw's ÷ proxy's)", f2(c) + "×",
              (c >= 0.9 ? "met" : "missed") + " (estimate)"});
        }
      }
    }
    List<Check> herd = checks.stream().filter(c -> c.kind.equals("herd") && c.server.equals("proxy")).toList();
    if (herd.isEmpty()) {
      t.add(new String[] {"herd: exactly 1 origin request", "not measured", "–"});
      t.add(new String[] {"herd: p99 ≤ origin delay + 30 ms", "not measured", "–"});
    } else {
      double limit = num(delay) + 30;
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
      t.add(new String[] {"herd: exactly 1 origin request (all answers 200)", "origin requests per run: " + o, one ? "**met**" : "**MISSED**"});
      t.add(new String[] {"herd: p99 ≤ " + f0(limit) + " ms", "p99 per run: " + p + " ms", fast ? "**met**" : "**MISSED**"});
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
    sb.append(String.format(Locale.ROOT, "%-22s %-8s %12s %8s %9s %9s%n", "scenario", "server", "req/s", "x raw", "p50 ms", "p99 ms"));
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
        sb.append(String.format(Locale.ROOT, "%-22s %-8s %12s %8s %9s %9s%n", scenarioLabel(sc, meta), s,
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

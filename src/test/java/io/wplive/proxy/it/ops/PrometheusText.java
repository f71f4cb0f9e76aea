package io.wplive.proxy.it.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A minimal parser of the Prometheus text exposition format (0.0.4), for assertions on /metrics. */
public final class PrometheusText {
  /** One sample line: metric name, labels in order, value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String key) {
      return labels.get(key);
    }

    /** True when every given name/value pair is among the labels. */
    public boolean has(String... pairs) {
      for (int i = 0; i < pairs.length; i += 2) {
        if (!Objects.equals(labels.get(pairs[i]), pairs[i + 1])) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      out.add(parseLine(line));
    }
    return new PrometheusText(out);
  }

  static Sample parseLine(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq).trim();
        if (line.charAt(eq + 1) != '"') {
          throw new IllegalArgumentException("label value not quoted: " + line);
        }
        StringBuilder v = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char n = line.charAt(++j);
            v.append(n == 'n' ? '\n' : n);
          } else {
            v.append(c);
          }
          j++;
        }
        labels.put(key, v.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    String rest = line.substring(i).trim();
    int sp = rest.indexOf(' ');
    String value = sp < 0 ? rest : rest.substring(0, sp); // an optional timestamp follows
    double d = switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
    return new Sample(name, labels, d);
  }

  public List<Sample> all() {
    return samples;
  }

  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The one sample of {@code name} with these labels (others may exist), or null. */
  public Sample find(String name, String... pairs) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(pairs)).findFirst().orElse(null);
  }

  /** Its value, or NaN when there is no such sample. */
  public double value(String name, String... pairs) {
    Sample s = find(name, pairs);
    return s == null ? Double.NaN : s.value();
  }

  public boolean has(String name, String... pairs) {
    return find(name, pairs) != null;
  }
}

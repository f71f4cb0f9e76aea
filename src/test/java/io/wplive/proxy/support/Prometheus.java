package io.wplive.proxy.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the Prometheus text format: one sample per series, labels compared as a set. */
public final class Prometheus {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, Double> samples = new LinkedHashMap<>();

  private Prometheus() {
  }

  public static Prometheus parse(String text) {
    Prometheus p = new Prometheus();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not a Prometheus sample: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      p.samples.put(key(m.group(1), labels), Double.parseDouble(m.group(4)));
    }
    return p;
  }

  private static String key(String name, Map<String, String> labels) {
    return name + new TreeMap<>(labels);
  }

  /**
   * The value of {@code name} with exactly these labels ({@code "k", "v", …}), or {@code null}.
   */
  public Double value(String name, String... labelPairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      labels.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.get(key(name, labels));
  }

  /** Whether any series of {@code name} exists. */
  public boolean has(String name) {
    return samples.keySet().stream().anyMatch(k -> k.startsWith(name + "{"));
  }

  public Map<String, Double> samples() {
    return samples;
  }
}

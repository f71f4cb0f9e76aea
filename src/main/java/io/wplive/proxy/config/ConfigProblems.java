package io.wplive.proxy.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in one configuration, each as {@code path: message}. */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  public void add(String path, String message) {
    if (hasPath(path == null || path.isEmpty() ? "(root)" : path)) {
      return; // one problem per field: a missing ${X} makes its field "" and that is not news
    }
    // one line per problem, whatever a parser put in its message
    String oneLine = message == null ? "invalid" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    problems.add((path == null || path.isEmpty() ? "(root)" : path) + ": " + oneLine);
  }

  public boolean hasPath(String path) {
    return problems.stream().anyMatch(p -> p.startsWith(path + ": "));
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /** Throws when anything was found, so a half-valid config is never used. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}

package io.wplive.proxy.config;

import java.util.List;

/** A configuration that cannot be used; {@link #problems()} has one {@code path: message} line each. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public ConfigException(String path, String message) {
    this(List.of(path + ": " + (message == null ? "invalid" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim())));
  }

  public List<String> problems() {
    return problems;
  }
}

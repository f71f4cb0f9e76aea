package io.wplive.proxy.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML file, substitutes {@code ${…}} and validates it into a {@link ProxyConfig}.
 * Uses SnakeYAML's safe constructor, as vertx-config-yaml does, but synchronously: it runs at
 * start-up on the main thread and, for reloads, on a worker thread, so the file's own line
 * numbers can go into the problems.
 */
public final class ConfigLoader {
  public static final String DEFAULT_PATH = "conf/config.yaml";
  public static final String ENV_VAR = "WPLP_CONFIG";

  private final Function<String, String> env;

  public ConfigLoader(Function<String, String> env) {
    this.env = env;
  }

  public static ConfigLoader fromSystemEnv() {
    return new ConfigLoader(System::getenv);
  }

  /** {@code --config} beats {@code WPLP_CONFIG} beats the default. */
  public Path resolvePath(String cliPath) {
    if (cliPath != null) {
      return Path.of(cliPath);
    }
    String e = env.apply(ENV_VAR);
    return Path.of(e != null && !e.isBlank() ? e : DEFAULT_PATH);
  }

  /** @throws ConfigException with every problem found */
  public ProxyConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "no such file");
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return parse(text, file.toString());
  }

  /** @throws ConfigException with every problem found */
  public ProxyConfig parse(String yamlText, String source) {
    JsonObject raw = parseYaml(yamlText, source);
    ConfigProblems problems = new ConfigProblems();
    JsonObject substituted = new EnvSubstitution(env, problems).apply(raw);
    return ProxyConfig.fromJson(substituted, problems);
  }

  static JsonObject parseYaml(String text, String source) {
    LoaderOptions lo = new LoaderOptions();
    lo.setAllowDuplicateKeys(false);
    lo.setMaxAliasesForCollections(50);
    lo.setCodePointLimit(4 * 1024 * 1024);
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(lo)).load(text);
    } catch (MarkedYAMLException e) {
      String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
          + ", column " + (e.getProblemMark().getColumn() + 1);
      throw new ConfigException(source, "is not valid YAML" + where + ": " + e.getProblem());
    } catch (RuntimeException e) { // YAMLException and anything SnakeYAML lets slip
      throw new ConfigException(source, "is not valid YAML: " + firstLine(e.getMessage()));
    } catch (StackOverflowError e) {
      throw new ConfigException(source, "is not valid YAML: nested too deeply");
    }
    if (doc == null) {
      return new JsonObject();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new ConfigException(source, "must be a YAML mapping at the top level");
    }
    Object json;
    try {
      json = toJson(map, "");
    } catch (StackOverflowError e) {
      throw new ConfigException(source, "is not valid YAML: nested too deeply or recursive");
    }
    return (JsonObject) json;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** SnakeYAML types → Vert.x JSON types; keys must be strings, dates stay as written. */
  private static Object toJson(Object v, String path) {
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!(e.getKey() instanceof String) && !(e.getKey() instanceof Number) && !(e.getKey() instanceof Boolean)) {
          throw new ConfigException(path.isEmpty() ? "(root)" : path, "keys must be plain names");
        }
        o.put(key, toJson(e.getValue(), ConfigNode.childPath(path, key)));
      }
      return o;
    }
    if (v instanceof java.util.List<?> l) {
      io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
      int i = 0;
      for (Object e : l) {
        a.add(toJson(e, path + "[" + i++ + "]"));
      }
      return a;
    }
    if (v instanceof java.math.BigInteger big) {
      return big.toString();
    }
    if (v instanceof java.util.Date d) {
      return d.toInstant().toString();
    }
    if (v instanceof byte[]) {
      throw new ConfigException(path, "binary values are not supported");
    }
    return v;
  }
}

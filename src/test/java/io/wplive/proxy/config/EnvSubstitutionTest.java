package io.wplive.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §3: ${NAME}, ${NAME:-default}, ${file:/path}; an unset ${X} names the field. */
class EnvSubstitutionTest {
  private static final Map<String, String> ENV = Map.of("A", "x", "B", "y", "EMPTY", "", "REF", "${B}", "URL", "redis://h:1");

  private final ConfigProblems problems = new ConfigProblems();
  private final EnvSubstitution subst = new EnvSubstitution(ENV::get, problems);

  @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
  @CsvSource(delimiter = '|', value = {
      "${A}|x",
      "pre-${A}-post|pre-x-post",
      "${A}${B}|xy",
      "${A}/${B}/${A}|x/y/x",
      "${MISSING:-dflt}|dflt",
      "${MISSING:-}|''",
      "${A:-dflt}|x",
      "${MISSING:-a:b}|a:b",
      "${MISSING:-redis://127.0.0.1:6379}|redis://127.0.0.1:6379",
      "${MISSING:-with space}|with space",
      "${URL}|redis://h:1",
      "no refs|no refs",
      "$A|$A",
      "{A}|{A}",
      "$ {A}|$ {A}",
      // values are not substituted again: a variable's value is data, not config
      "${REF}|${B}",
  })
  void substitutes(String in, String out) {
    assertThat(subst.substitute(in, "f")).isEqualTo(out);
    assertThat(problems.list()).isEmpty();
  }

  /** As in sh and docker compose, {@code :-} also applies when the variable is set but empty. */
  @Test
  void emptyVariableTakesTheDefault() {
    assertThat(subst.substitute("${EMPTY:-8080}", "server.port")).isEqualTo("8080");
  }

  @Test
  void emptyVariableWithoutDefaultIsEmpty() {
    assertThat(subst.substitute("${EMPTY}", "f")).isEmpty();
    assertThat(problems.list()).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" at {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "${MISSING}|admin.token|admin.token: environment variable MISSING is not set (use ${MISSING:-default} for an optional one)",
      "a-${MISSING}-b|routes[2].upstreamPath|routes[2].upstreamPath: environment variable MISSING is not set (use ${MISSING:-default} for an optional one)",
      "${1X}|f|f: \"${1X}\" is not a valid variable reference",
      "${}|f|f: \"${}\" is not a valid variable reference",
      "${A-B}|f|f: \"${A-B}\" is not a valid variable reference",
      "${A|f|f: unterminated ${ in \"${A\"",
  })
  void reportsProblemsAtTheField(String in, String path, String problem) {
    subst.substitute(in, path);
    assertThat(problems.list()).containsExactly(problem);
  }

  /** Contents are written with visible escapes: \\n and \\r stand for the control characters. */
  @ParameterizedTest(name = "file content {0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "token\\n|token",
      "token|token",
      "token\\r\\n|token",
      "token\\n\\n|token\\n",
      "line1\\nline2\\n|line1\\nline2",
      "' token \\n'|' token '",
      "''|''",
  })
  void fileSecretsDropOneTrailingNewline(String content, String expected, @TempDir Path dir) throws IOException {
    Path f = dir.resolve("secret");
    Files.writeString(f, unescape(content), StandardCharsets.UTF_8);
    assertThat(subst.substitute("${file:" + f + "}", "f")).isEqualTo(unescape(expected));
    assertThat(problems.list()).isEmpty();
  }

  private static String unescape(String s) {
    return s.replace("\\n", "\n").replace("\\r", "\r");
  }

  @Test
  void missingFileIsAProblemNamingTheField(@TempDir Path dir) {
    Path f = dir.resolve("nope");
    subst.substitute("${file:" + f + "}", "upstreams.inv.tls.trustCa");
    assertThat(problems.list()).containsExactly(
        "upstreams.inv.tls.trustCa: cannot read secret file " + f + " (NoSuchFileException)");
  }

  @Test
  void appliesToEveryStringOfTheTreeAndNothingElse() {
    JsonObject in = new JsonObject()
        .put("s", "${A}")
        .put("n", 5)
        .put("b", true)
        .put("nested", new JsonObject().put("deep", "${B:-z}"))
        .put("list", new JsonArray().add("${A}").add(1).add(new JsonObject().put("k", "${MISSING}")));
    JsonObject out = subst.apply(in);
    assertThat(out.getString("s")).isEqualTo("x");
    assertThat(out.getInteger("n")).isEqualTo(5);
    assertThat(out.getBoolean("b")).isTrue();
    assertThat(out.getJsonObject("nested").getString("deep")).isEqualTo("y");
    assertThat(out.getJsonArray("list").getString(0)).isEqualTo("x");
    assertThat(out.getJsonArray("list").getInteger(1)).isEqualTo(1);
    assertThat(problems.list()).containsExactly(
        "list[2].k: environment variable MISSING is not set (use ${MISSING:-default} for an optional one)");
    assertThat(in.getString("s")).as("the input is not changed").isEqualTo("${A}");
  }
}

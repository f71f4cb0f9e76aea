package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 cache key query part: sorted by name, repeats in order, RFC 3986 encoding, + is a space. */
class QueryStringTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "<null>", value = {
      "<null>|\"\"",
      "\"\"|\"\"",
      "a=1|a=1",
      "b=2&a=1|a=1&b=2",
      "b=2&a=1&b=1|a=1&b=2&b=1",
      "b=1&a=1&b=2|a=1&b=1&b=2",
      "z=1&y=2&x=3&y=1|x=3&y=2&y=1&z=1",
      "a=x+y|a=x%20y",
      "a=x%20y|a=x%20y",
      "a+b=1|a%20b=1",
      "a=%41|a=A",
      "%61=1|a=1",
      "a=%7e|a=~",
      "a=~-._|a=~-._",
      "a=*|a=%2A",
      "a=%2a|a=%2A",
      "a=%2B|a=%2B",
      "a=caf%c3%a9|a=caf%C3%A9",
      "a=café|a=caf%C3%A9",
      "a=/|a=%2F",
      "a=%2f|a=%2F",
      "a=:@!$'()|a=%3A%40%21%24%27%28%29",
      "a=%26&b=%3D|a=%26&b=%3D",
      "a|a=",
      "a=|a=",
      "a&b=1|a=&b=1",
      "=x|=x",
      "&&a=1&&|a=1",
      "a=1=2|a=1%3D2",
      "B=1&a=2|B=1&a=2",
      "a=1;b=2|a=1%3Bb%3D2",
  })
  void canonical(String raw, String canonical) {
    assertThat(QueryString.canonical(QueryString.parse(raw, 100))).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} and {1} are the same key")
  @CsvSource(delimiter = '|', value = {
      "a=1&b=2|b=2&a=1",
      "q=red+shoes|q=red%20shoes",
      "q=%41|q=A",
      "%70%61%67%65=2|page=2",
      "a=caf%C3%A9|a=caf%c3%a9",
      "a=~|a=%7E",
  })
  void sameRequestInAnySpellingIsTheSameKey(String one, String other) {
    assertThat(QueryString.canonical(QueryString.parse(one, 100)))
        .isEqualTo(QueryString.canonical(QueryString.parse(other, 100)));
  }

  @ParameterizedTest(name = "{0} and {1} differ")
  @CsvSource(delimiter = '|', value = {
      "a=1&a=2|a=2&a=1",
      "a=%2B|a=+",
      "a=1&b=2|a=1%26b%3D2",
  })
  void differentRequestsAreDifferentKeys(String one, String other) {
    String a = QueryString.canonical(QueryString.parse(one, 100));
    String b = QueryString.canonical(QueryString.parse(other, 100));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void parsesNamesAndValuesDecoded() {
    assertThat(QueryString.parse("a=x+y&b&c=%41%42&a=2", 100)).containsExactly(
        new QueryString.Param("a", "x y"), new QueryString.Param("b", ""), new QueryString.Param("c", "AB"),
        new QueryString.Param("a", "2"));
  }

  @ParameterizedTest(name = "malformed: {0}")
  @ValueSource(strings = {"a=%zz", "a=%", "a=%2", "%zz=1", "a=%c0%ae", "a=%ff", "a=%e2%82", "a=1&b=%g1"})
  void malformedEscapesAreRefused(String raw) {
    assertThatThrownBy(() -> QueryString.parse(raw, 100)).isInstanceOf(PercentCoding.MalformedException.class);
  }

  @ParameterizedTest(name = "{0} params, limit {1}: allowed {2}")
  @CsvSource({"1, 1, true", "2, 1, false", "100, 100, true", "101, 100, false", "3, 2, false"})
  void tooManyParams(int count, int max, boolean allowed) {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < count; i++) {
      raw.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i);
    }
    if (allowed) {
      assertThat(QueryString.parse(raw.toString(), max)).hasSize(count);
    } else {
      assertThatThrownBy(() -> QueryString.parse(raw.toString(), max))
          .isInstanceOf(QueryString.TooManyParamsException.class)
          .hasMessage("more than " + max + " query parameters");
    }
  }

  @Test
  void emptyPartsDoNotCountAsParams() {
    assertThat(QueryString.parse("&&&a=1&&&", 1)).containsExactly(new QueryString.Param("a", "1"));
  }

  @Test
  void sortIsStableForRepeatedNames() {
    List<QueryString.Param> params = QueryString.parse("tag=c&x=1&tag=a&tag=b", 100);
    assertThat(QueryString.canonical(params)).isEqualTo("tag=c&tag=a&tag=b&x=1");
  }
}

package io.wplive.proxy.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wplive.proxy.config.NormalizeOptions.Pagination;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** WordPress-style {@code page}/{@code per_page}/{@code cursor} → the upstream's paging parameters. */
class PaginationMapperTest {
  private static final Pagination PAGE = new Pagination("page", "page", "per_page", "cursor", null);
  private static final Pagination PAGED = new Pagination("page", "paged", "limit", "cursor", null);
  private static final Pagination OFFSET = new Pagination("offset", "$skip", "$top", "cursor", null);
  private static final Pagination CURSOR = new Pagination("cursor", null, "limit", "after", "/next");

  /** Query strings are written "a=1&b=2" for readability; "-" is no parameters. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // style | client query                          | upstream query                       | page | perPage | cursor
      "page    | -                                     | page=1&per_page=20                   | 1    | 20      | ",
      "page    | page=3&per_page=50                    | page=3&per_page=50                   | 3    | 50      | ",
      "page    | category=7&page=2&orderby=date        | category=7&orderby=date&page=2&per_page=20 | 2 | 20 | ",
      "page    | per_page=100                          | page=1&per_page=100                  | 1    | 100     | ",
      "page    | page=1&page=4                         | page=4&per_page=20                   | 4    | 20      | ",
      "paged   | page=2&per_page=5&q=oak               | q=oak&paged=2&limit=5                | 2    | 5       | ",
      "paged   | limit=5000&paged=9                    | paged=1&limit=20                     | 1    | 20      | ",
      "offset  | page=3&per_page=20                    | $skip=40&$top=20                     | 3    | 20      | ",
      "offset  | -                                     | $skip=0&$top=20                      | 1    | 20      | ",
      "offset  | $filter=City eq 'Portland'&page=2&per_page=25 | $filter=City eq 'Portland'&$skip=25&$top=25 | 2 | 25 | ",
      "offset  | $top=1000&$skip=5                     | $skip=0&$top=20                      | 1    | 20      | ",
      "offset  | page=2147483647&per_page=100          | $skip=214748364600&$top=100          | 2147483647 | 100 | ",
      "cursor  | -                                     | limit=20                             | 1    | 20      | ",
      "cursor  | cursor=abc%2F1&per_page=10            | after=abc%2F1&limit=10               | 1    | 10      | abc%2F1",
      "cursor  | page=2&cursor=xyz                     | after=xyz&limit=20                   | 2    | 20      | xyz",
      "cursor  | page=1&cursor=                        | limit=20                             | 1    | 20      | ",
      "cursor  | after=forged&page=1                   | limit=20                             | 1    | 20      | ",
      "page    | cursor=ignored&page=2                 | page=2&per_page=20                   | 2    | 20      | ",
  })
  void mapsTheClientQuery(String style, String client, String upstream, int page, int perPage, String cursor) {
    PaginationMapper.Mapped m = new PaginationMapper(pagination(style)).map(query(client));

    assertThat(render(m.upstreamParams())).isEqualTo(upstream);
    assertThat(m.page()).isEqualTo(new PageRequest(page, perPage, cursor));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "page   | page=0                 | page must be a whole number of 1 or more",
      "page   | page=-1                | page must be a whole number of 1 or more",
      "page   | page=two               | page must be a whole number of 1 or more",
      "page   | page=                  | page must be a whole number of 1 or more",
      "page   | page=1.5               | page must be a whole number of 1 or more",
      "page   | page=+2                | page must be a whole number of 1 or more",
      "page   | page=99999999999999    | page must be a whole number of 1 or more",
      "page   | per_page=0             | per_page must be a whole number from 1 to 100",
      "page   | per_page=101           | per_page must be a whole number from 1 to 100",
      "offset | per_page=abc           | per_page must be a whole number from 1 to 100",
      "offset | per_page= 10           | per_page must be a whole number from 1 to 100",
      "cursor | page=2                 | page above 1 needs the cursor from meta.nextCursor of the previous page",
      "cursor | page=3&cursor=         | page above 1 needs the cursor from meta.nextCursor of the previous page",
  })
  void rejectsBadPaging(String style, String client, String message) {
    PaginationMapper mapper = new PaginationMapper(pagination(style));

    assertThatThrownBy(() -> mapper.map(query(client)))
        .isInstanceOf(BadPageException.class)
        .hasMessage(message);
  }

  @Test
  void withoutPaginationTheQueryPassesThroughUntouched() {
    List<Map.Entry<String, String>> q = query("page=0&per_page=500&cursor=x&a=1");

    PaginationMapper.Mapped m = new PaginationMapper(null).map(q);

    assertThat(m.upstreamParams()).isEqualTo(q);
    assertThat(m.page()).isNull();
  }

  @Test
  void theBadPageMessageNeverEchoesTheClientValue() {
    PaginationMapper mapper = new PaginationMapper(PAGE);

    assertThatThrownBy(() -> mapper.map(query("page=<script>")))
        .isInstanceOf(BadPageException.class)
        .hasMessageNotContaining("script");
  }

  private static Pagination pagination(String style) {
    return switch (style) {
      case "page" -> PAGE;
      case "paged" -> PAGED;
      case "offset" -> OFFSET;
      case "cursor" -> CURSOR;
      default -> throw new IllegalArgumentException(style);
    };
  }

  /** "a=1&b=2" as decoded pairs; values are taken literally (the test strings hold no escapes to decode). */
  private static List<Map.Entry<String, String>> query(String q) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (q == null || q.equals("-")) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.add(Map.entry(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1)));
    }
    return out;
  }

  private static String render(List<Map.Entry<String, String>> params) {
    return params.stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
  }
}

package io.wplive.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9111 §5.2 directives as a shared cache reads them; unknown ones are ignored. */
class CacheControlTest {
  /** The directives that are set, in a fixed order: what the tables compare. */
  static String describe(CacheControl cc) {
    List<String> out = new ArrayList<>();
    if (cc.noStore()) {
      out.add("no-store");
    }
    if (cc.noCache()) {
      out.add("no-cache");
    }
    if (cc.isPrivate()) {
      out.add("private");
    }
    if (cc.isPublic()) {
      out.add("public");
    }
    if (cc.mustRevalidate()) {
      out.add("must-revalidate");
    }
    if (cc.proxyRevalidate()) {
      out.add("proxy-revalidate");
    }
    if (cc.maxAge() >= 0) {
      out.add("max-age=" + cc.maxAge());
    }
    if (cc.sMaxAge() >= 0) {
      out.add("s-maxage=" + cc.sMaxAge());
    }
    if (cc.staleWhileRevalidate() >= 0) {
      out.add("swr=" + cc.staleWhileRevalidate());
    }
    if (cc.staleIfError() >= 0) {
      out.add("sie=" + cc.staleIfError());
    }
    if (cc.maxStale() >= 0) {
      out.add("max-stale=" + (cc.maxStale() > 1_000_000_000_000L ? "any" : cc.maxStale()));
    }
    if (cc.minFresh() >= 0) {
      out.add("min-fresh=" + cc.minFresh());
    }
    if (cc.onlyIfCached()) {
      out.add("only-if-cached");
    }
    return String.join(" ", out);
  }

  @ParameterizedTest(name = "[{0}] → [{1}]")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``|``",
      "max-age=60|max-age=60",
      "MAX-AGE=60|max-age=60",
      "Max-Age=60|max-age=60",
      "max-age=\"60\"|max-age=60",
      "max-age=abc|max-age=0",
      "max-age=|max-age=0",
      "max-age|max-age=0",
      "max-age=-1|max-age=0",
      "max-age=1.5|max-age=0",
      "max-age=99999999999|max-age=2147483648",
      "max-age=2147483649|max-age=2147483648",
      "max-age = 60|max-age=60",
      "s-maxage=120|s-maxage=120",
      "s-maxage=abc|``",
      "no-store|no-store",
      "No-Store|no-store",
      "no-cache|no-cache",
      "no-cache=\"Set-Cookie\"|no-cache",
      "no-cache=\"Set-Cookie, X-Foo\", max-age=5|no-cache max-age=5",
      "private|private",
      "private=\"X-User\"|private",
      "public, max-age=60|public max-age=60",
      "must-revalidate|must-revalidate",
      "proxy-revalidate|proxy-revalidate",
      "public, max-age=60, s-maxage=120, stale-while-revalidate=30, stale-if-error=600|public max-age=60 s-maxage=120 swr=30 sie=600",
      "stale-while-revalidate=abc|``",
      "foo, bar=baz, max-age=5|max-age=5",
      "ext=\"no-store, max-age=9\", max-age=5|max-age=5",
      "ext=\"unterminated, no-store|``",
      " max-age=5 , no-store |no-store max-age=5",
      "max-age=5,,,no-store|no-store max-age=5",
      "max-age=5;no-store|max-age=0",
      "max-stale|max-stale=any",
      "max-stale=30|max-stale=30",
      "min-fresh=10|min-fresh=10",
      "only-if-cached|only-if-cached",
  })
  void parses(String header, String expected) {
    assertThat(describe(CacheControl.parse(header))).isEqualTo(expected);
  }

  @Test
  void readsEveryHeaderLine() {
    CacheControl cc = CacheControl.parse(Arrays.asList("max-age=5", null, " ", "no-store, s-maxage=7"));
    assertThat(describe(cc)).isEqualTo("no-store max-age=5 s-maxage=7");
  }

  @Test
  void absentIsEmpty() {
    assertThat(CacheControl.parse((String) null)).isSameAs(CacheControl.EMPTY);
    assertThat(CacheControl.parse((Iterable<String>) null)).isSameAs(CacheControl.EMPTY);
    assertThat(CacheControl.parse(List.of())).isSameAs(CacheControl.EMPTY);
    assertThat(describe(CacheControl.EMPTY)).isEmpty();
  }

  /**
   * RFC 9111 §4.2.1: with more than one max-age, "either the first occurrence should be used or
   * the response should be considered stale" — never the longer, later one.
   */
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {"max-age=10, max-age=3600", "s-maxage=10, s-maxage=3600"})
  void repeatedDirectiveNeverExtendsFreshness(String header) {
    CacheControl cc = CacheControl.parse(header);
    long lifetime = cc.sMaxAge() >= 0 ? cc.sMaxAge() : cc.maxAge();
    assertThat(lifetime).isBetween(0L, 10L);
  }

  @Test
  void repeatedAcrossHeaderLinesNeverExtendsFreshness() {
    assertThat(CacheControl.parse(List.of("max-age=10", "max-age=3600")).maxAge()).isBetween(0L, 10L);
  }
}

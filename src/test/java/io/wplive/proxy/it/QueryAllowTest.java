package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Recorded;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.HttpResult;
import io.wplive.proxy.support.ProxyTestBase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #2 / SPEC §4 "Cache key": query.allow, query.defaults and canonical parameter spelling. */
class QueryAllowTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.respond(r -> Reply.ok("{\"query\":\"" + (r.query() == null ? "" : r.query()) + "\"}"));
    startProxy(config("""
        - name: list
          path: /api/list
          upstream: api
          upstreamPath: /list
          query:
            allow: [page, per_page]
            defaults: {per_page: "20"}
          cache: {ttl: 60s}
        - name: search
          path: /api/search
          upstream: api
          upstreamPath: /search
          cache: {ttl: 60s}
        """));
  }

  @Test
  void randomExtraParameterCannotBypassTheCache() {
    HttpResult first = http.get("/api/list?page=1");
    assertThat(first.xCache()).isEqualTo("MISS");
    String junk = UUID.randomUUID().toString();
    HttpResult second = http.get("/api/list?page=1&junk=" + junk);
    assertThat(second.xCache()).isEqualTo("HIT");
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(upstream.count("/base/list")).isEqualTo(1);
    for (Recorded r : upstream.requests()) {
      assertThat(r.uri()).doesNotContain("junk").doesNotContain(junk);
    }
  }

  @Test
  void disallowedParameterIsNotForwardedEvenOnAMiss() {
    http.get("/api/list?junk=1&page=3&evil=%2e%2e");
    Recorded r = upstream.last();
    assertThat(r.uri()).doesNotContain("junk").doesNotContain("evil");
    assertThat(r.query()).contains("page=3");
  }

  @Test
  void defaultsAreAppliedAndForwarded() {
    http.get("/api/list?page=2");
    Recorded r = upstream.last();
    assertThat(r.path()).isEqualTo("/base/list");
    assertThat(r.query()).isEqualTo("page=2&per_page=20");
  }

  @Test
  void explicitDefaultValueSharesTheEntryOfTheDefaulted() {
    http.get("/api/list?page=2");
    assertThat(http.get("/api/list?per_page=20&page=2").xCache()).isEqualTo("HIT");
    assertThat(upstream.total()).isEqualTo(1);
    HttpResult other = http.get("/api/list?page=2&per_page=50");
    assertThat(other.xCache()).isEqualTo("MISS");
    assertThat(upstream.last().query()).isEqualTo("page=2&per_page=50");
  }

  @Test
  void parameterOrderDoesNotSplitTheKey() {
    assertThat(http.get("/api/search?b=2&a=1").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/search?a=1&b=2").xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/search")).isEqualTo(1);
  }

  @Test
  void percentEncodingOfUnreservedCharactersDoesNotSplitTheKey() {
    assertThat(http.get("/api/search?q=%41").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/search?q=A").xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/search")).isEqualTo(1);
  }

  @Test
  void plusAndPercent20AreTheSameSpace() {
    assertThat(http.get("/api/search?q=oak+table").xCache()).isEqualTo("MISS");
    assertThat(http.get("/api/search?q=oak%20table").xCache()).isEqualTo("HIT");
    assertThat(upstream.count("/base/search")).isEqualTo(1);
    // forwarded in one canonical spelling
    assertThat(upstream.last().query()).isEqualTo("q=oak%20table");
  }

  @Test
  void differentValuesAreDifferentEntries() {
    http.get("/api/search?q=a");
    assertThat(http.get("/api/search?q=b").xCache()).isEqualTo("MISS");
    assertThat(upstream.count("/base/search")).isEqualTo(2);
  }

  @Test
  void withoutAllowEveryParameterIsForwarded() {
    http.get("/api/search?z=9&tracking=abc");
    assertThat(upstream.last().query()).isEqualTo("tracking=abc&z=9");
  }

  @Test
  void repeatedNamesKeepTheirOrder() {
    http.get("/api/search?tag=b&tag=a");
    assertThat(upstream.last().query()).isEqualTo("tag=b&tag=a");
    assertThat(http.get("/api/search?tag=a&tag=b").xCache()).isEqualTo("MISS");
  }

  @Test
  void malformedEscapeIs400() {
    HttpResult r = http.get("/api/search?q=%zz");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error().getString("code")).isEqualTo("bad_request");
    assertThat(upstream.total()).isZero();
  }
}

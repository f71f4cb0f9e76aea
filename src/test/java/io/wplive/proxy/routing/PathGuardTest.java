package io.wplive.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §4 "No open proxy": traversal in any encoding is refused before routing; normal paths pass. */
class PathGuardTest {
  @ParameterizedTest(name = "refused: {0}")
  @ValueSource(strings = {
      // dot segments, plain and encoded
      "/a/../b", "/..", "/a/..", "/../a", "/a/./b", "/.", "/a/.",
      "/a/%2e%2e/b", "/a/%2E%2E/b", "/a/%2E%2e/b", "/a/.%2e/b", "/a/%2e./b", "/a/%2e/b", "/a/.%2E",
      // double and triple encoding
      "/a/%252e%252e/b", "/a/%252E%252E/b", "/a/%25252e%25252e/b", "/a/%2525252e%2525252e/b", "/a/%252e/b",
      // encoded slashes and backslashes
      "/a/%2f/b", "/a/b%2Fc", "/a/%2fetc%2fpasswd", "/a/%252f", "/a/..%2f", "/a/..%2F..%2Fetc", "/a/%2f..",
      "/a/%5c", "/a/%5C..%5C", "/a/b\\c", "/a\\..\\b", "/a/%255c",
      // path parameters
      "/a;b", "/a/b;jsessionid=1", "/a/..;/b", "/a/%3b", "/a/%3B", "/a/%253b",
      // overlong UTF-8 and bytes that are not UTF-8
      "/a/%c0%ae%c0%ae/b", "/a/%c0%ae", "/a/%c0%af", "/a/%e0%80%ae", "/a/%f0%80%80%ae", "/a/%c1%9c", "/a/%ff", "/a/%80",
      "/a/%c3",
      // control characters
      "/a/%00", "/a/b%00.json", "/a/%0d%0a", "/a/%0a", "/a/%0D%0ASet-Cookie:x", "/a/%09", "/a/%7f", "/a/%1b", "/a/%2500",
      // malformed escapes
      "/a/%", "/a/%2", "/a/%zz", "/a/%u002e", "/a/%%32%65", "/a/%2%65",
      // not a path
      "", "a/b", "*",
  })
  void refuses(String path) {
    assertThat(PathGuard.check(path)).as(path).isNotNull();
  }

  @ParameterizedTest(name = "allowed: {0}")
  @ValueSource(strings = {
      "/", "/a", "/a/b", "/a/b-c_d.e~f", "/a/b.json", "/a/.well-known", "/a/...", "/a/..b", "/a/b..", "/a/.b.",
      "/a/caf%C3%A9", "/a/caf%c3%a9", "/a/café", "/a/%E2%82%AC", "/a/%F0%9F%98%80", "/a/%20", "/a/b%20c", "/a/%41",
      "/a/%2B", "/a/b+c", "/a/!$&'()*+,=@:", "/api/inventory/products/A-100", "/a/", "/a//b",
      // a literal percent sign, encoded once or twice, is data: decoding it further changes nothing
      "/a/%25", "/a/100%25", "/a/50%25%20off", "/a/%2525",
  })
  void allows(String path) {
    assertThat(PathGuard.check(path)).as(path).isNull();
  }
}

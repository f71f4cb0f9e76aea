package io.wplive.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDRs of server.trustedProxies and admin.allowFrom. */
class CidrTest {
  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      // IPv4, byte-aligned prefixes
      "10.0.0.0/8, 10.1.2.3, true",
      "10.0.0.0/8, 10.255.255.255, true",
      "10.0.0.0/8, 11.0.0.0, false",
      "10.0.0.0/8, 9.255.255.255, false",
      "192.168.1.0/24, 192.168.1.255, true",
      "192.168.1.0/24, 192.168.2.0, false",
      // /0 and /32
      "0.0.0.0/0, 8.8.8.8, true",
      "0.0.0.0/0, 255.255.255.255, true",
      "10.1.2.3/32, 10.1.2.3, true",
      "10.1.2.3/32, 10.1.2.4, false",
      "10.1.2.3, 10.1.2.3, true",
      "10.1.2.3, 10.1.2.2, false",
      // not byte-aligned
      "172.16.0.0/12, 172.16.0.1, true",
      "172.16.0.0/12, 172.31.255.255, true",
      "172.16.0.0/12, 172.32.0.0, false",
      "172.16.0.0/12, 172.15.255.255, false",
      "10.0.0.128/25, 10.0.0.200, true",
      "10.0.0.128/25, 10.0.0.127, false",
      // host bits set in the network are ignored
      "10.1.2.3/8, 10.200.0.1, true",
      // families do not mix
      "0.0.0.0/0, ::1, false",
      "::/0, 127.0.0.1, false",
      // IPv6
      "::/0, ::1, true",
      "::1, ::1, true",
      "::1/128, ::2, false",
      "2001:db8::/32, 2001:db8:1::1, true",
      "2001:db8::/32, 2001:0db8:ffff:ffff::, true",
      "2001:db8::/32, 2001:db9::1, false",
      "fe80::/10, fe80::1, true",
      "fe80::/10, febf::1, true",
      "fe80::/10, fec0::1, false",
      "2001:db8::/127, 2001:db8::1, true",
      "2001:db8::/127, 2001:db8::2, false",
      // an IPv4-mapped peer address (dual-stack sockets) is the IPv4 address
      "10.0.0.0/8, ::ffff:10.1.2.3, true",
      // not addresses
      "10.0.0.0/8, '', false",
      "10.0.0.0/8, not an ip, false",
      "10.0.0.0/8, 10.1.2.3.4, false",
  })
  void contains(String cidr, String address, boolean expected) {
    assertThat(Cidr.parse(cidr).contains(address)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void containsNullIsFalse() {
    assertThat(Cidr.parse("0.0.0.0/0").contains(null)).isFalse();
  }

  /**
   * contains() is called on X-Forwarded-For hops, which the client writes: a host name must never
   * be resolved (a blocking DNS lookup on the event loop), so it matches nothing.
   */
  @ParameterizedTest(name = "{1} is not an address in {0}")
  @CsvSource({"127.0.0.0/8, localhost", "0.0.0.0/0, localhost", "::/0, localhost"})
  void hostNamesAreNeverResolved(String cidr, String name) {
    assertThat(Cidr.parse(cidr).contains(name)).isFalse();
  }

  @ParameterizedTest(name = "bad: \"{0}\"")
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/abc", "10.0.0.0/8/8",
      "intranet", "", "/8", "10.0.0.0 /8", "::1/x"})
  void rejects(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Shorthand IPv4 forms are not CIDRs an operator means: Java reads "10" as 0.0.0.10, so
   * "10/8" would silently be 0.0.0.0/8 and "10.1/16" 10.0.0.0/16. They must be rejected.
   */
  @ParameterizedTest(name = "shorthand: \"{0}\"")
  @ValueSource(strings = {"10/8", "10.1/16", "1.2.3/24", "10"})
  void rejectsShorthandIpv4(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0} prints as written")
  @ValueSource(strings = {"10.0.0.0/8", "::1", "2001:db8::/32"})
  void toStringIsTheText(String text) {
    assertThat(Cidr.parse(text)).hasToString(text);
  }
}

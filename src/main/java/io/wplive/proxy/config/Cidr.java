package io.wplive.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8}; a bare address is a /32 or /128. */
public final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /** @throws IllegalArgumentException with a message fit for a config problem */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    if (!isLiteral(addr)) {
      throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (like 10.0.0.0/8)");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress(); // literal only: no DNS for [0-9a-f:.]
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (like 10.0.0.0/8)");
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("\"" + text + "\" has a bad prefix length");
      }
    }
    return new Cidr(bytes, prefix, t);
  }

  static List<Cidr> parseList(ConfigNode n, String key) {
    List<Cidr> out = new ArrayList<>();
    List<String> items = n.stringList(key);
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(parse(items.get(i)));
      } catch (IllegalArgumentException e) {
        n.problems().add(n.pathOf(key) + "[" + i + "]", e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /** @param address a literal IP address, as a remote address gives it */
  public boolean contains(String address) {
    byte[] a;
    try {
      if (address == null || !isLiteral(address)) {
        return false;
      }
      a = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    if (a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (network[full] & mask);
  }

  static boolean isLiteral(String a) {
    return a.matches("(\\d{1,3}\\.){3}\\d{1,3}") || (a.indexOf(':') >= 0 && a.matches("[0-9a-fA-F:.]+(%[\\w.-]+)?"));
  }

  @Override
  public String toString() {
    return text;
  }
}

package io.wplive.proxy.demo;

/** How a simulated upstream behaves right now (SPEC §8). */
public enum DemoMode {
  /** Normal answers with the upstream's usual latency. */
  OK,
  /** Answers after 10 s: longer than any sane upstream timeout. */
  SLOW,
  /** Answers 500 with an HTML error page, as a broken vendor API does. */
  ERROR,
  /** Drops every connection without answering. */
  DOWN;

  static DemoMode parse(String s) {
    if (s == null) {
      return null;
    }
    return switch (s) {
      case "ok" -> OK;
      case "slow" -> SLOW;
      case "error" -> ERROR;
      case "down" -> DOWN;
      default -> null;
    };
  }
}

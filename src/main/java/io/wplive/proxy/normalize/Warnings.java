package io.wplive.proxy.normalize;

import java.util.ArrayList;
import java.util.List;

/**
 * The conversion problems of one fetch. Every problem is counted (the metric must be exact) but only the
 * first few messages are kept: a feed with one bad column would otherwise produce one line per item.
 */
final class Warnings {
  static final int MAX_MESSAGES = 20;

  private final String route;
  private final List<String> messages = new ArrayList<>();
  private int count;

  Warnings(String route) {
    this.route = route;
  }

  /** @param problem what went wrong, naming the field and item, never the value */
  void add(String problem) {
    count++;
    if (messages.size() < MAX_MESSAGES) {
      messages.add("route " + route + ": " + problem);
    }
  }

  int count() {
    return count;
  }

  List<String> messages() {
    return List.copyOf(messages);
  }
}

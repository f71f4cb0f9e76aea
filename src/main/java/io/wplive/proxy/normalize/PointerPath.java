package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON Pointer (RFC 6901) in which a {@code *} segment stands for every element of an array, so
 * {@code /Media/*}{@code /MediaURL} collects one URL per media entry.
 *
 * <p>In lenient-list mode (used for XML, where one {@code <item>} cannot be told apart from a list of
 * one) a single value is treated as a list of one wherever the pointer asks for a list: under {@code *}
 * and under the index {@code 0}.
 */
final class PointerPath {
  static final String WILDCARD = "*";

  private final String text;
  private final List<String> segments;
  private final boolean wildcard;

  private PointerPath(String text, List<String> segments) {
    this.text = text;
    this.segments = List.copyOf(segments);
    this.wildcard = segments.contains(WILDCARD);
  }

  /** @param pointer {@code ""} (the whole document) or a pointer starting with {@code /} */
  static PointerPath parse(String pointer) {
    String p = pointer == null ? "" : pointer;
    if (p.isEmpty()) {
      return new PointerPath(p, List.of());
    }
    if (p.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON Pointer starts with / or is empty");
    }
    List<String> segs = new ArrayList<>();
    for (String raw : p.substring(1).split("/", -1)) {
      // RFC 6901: ~1 is "/", ~0 is "~", decoded in that order
      segs.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return new PointerPath(p, segs);
  }

  boolean isDocument() {
    return segments.isEmpty();
  }

  boolean hasWildcard() {
    return wildcard;
  }

  /** The pointer as written, for messages. */
  String text() {
    return text;
  }

  /** This pointer without its last segment; the document's parent is the document. */
  PointerPath parent() {
    if (segments.isEmpty()) {
      return this;
    }
    int cut = text.lastIndexOf('/');
    return new PointerPath(text.substring(0, cut), segments.subList(0, segments.size() - 1));
  }

  /**
   * What the pointer finds.
   *
   * @param matches the values found (JSON {@code null} included); empty when nothing is there
   * @param reachedWildcard whether a {@code *} segment met a container, i.e. whether an empty match list
   *     means "an empty collection" rather than "missing"
   */
  record Result(List<JsonNode> matches, boolean reachedWildcard) {
    /** The single value found, or {@code null} when missing. */
    JsonNode single() {
      return matches.isEmpty() ? null : matches.get(0);
    }
  }

  Result resolve(JsonNode root, boolean lenientLists) {
    List<JsonNode> out = new ArrayList<>();
    boolean[] reached = {false};
    step(root, 0, lenientLists, out, reached);
    return new Result(out, reached[0]);
  }

  private void step(JsonNode node, int i, boolean lenient, List<JsonNode> out, boolean[] reached) {
    if (node == null || node.isMissingNode()) {
      return;
    }
    if (i == segments.size()) {
      out.add(node);
      return;
    }
    String seg = segments.get(i);
    if (WILDCARD.equals(seg)) {
      if (node.isArray()) {
        reached[0] = true;
        for (JsonNode e : node) {
          step(e, i + 1, lenient, out, reached);
        }
      } else if (lenient && !node.isNull() && !isBlankText(node)) {
        reached[0] = true;
        step(node, i + 1, lenient, out, reached);
      } else if (lenient && isBlankText(node)) {
        // an XML container element with no children: an empty collection
        reached[0] = true;
      } else if (node.isObject()) {
        // JSON objects used as maps ({"a": {...}, "b": {...}}): collect over their values
        reached[0] = true;
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
          step(it.next(), i + 1, lenient, out, reached);
        }
      }
      return;
    }
    if (node.isArray()) {
      int index = arrayIndex(seg);
      if (index >= 0) {
        step(node.get(index), i + 1, lenient, out, reached);
      }
    } else if (node.isObject()) {
      JsonNode child = node.get(seg);
      if (child != null) {
        step(child, i + 1, lenient, out, reached);
      } else if (lenient && "0".equals(seg)) {
        step(node, i + 1, lenient, out, reached);
      }
    } else if (lenient && "0".equals(seg) && !node.isNull()) {
      step(node, i + 1, lenient, out, reached);
    }
  }

  static boolean isBlankText(JsonNode node) {
    return node.isTextual() && node.textValue().isBlank();
  }

  /** RFC 6901 array index: digits without leading zeros; anything else (including "-") finds nothing. */
  private static int arrayIndex(String seg) {
    if (seg.isEmpty() || seg.length() > 9 || (seg.length() > 1 && seg.charAt(0) == '0')) {
      return -1;
    }
    for (int k = 0; k < seg.length(); k++) {
      char c = seg.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Integer.parseInt(seg);
  }

  @Override
  public String toString() {
    return text;
  }
}

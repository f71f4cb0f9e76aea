package io.wplive.proxy.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A route path: literal segments, {@code :param} segments and an optional trailing {@code /*}.
 * Matching works on the raw (still percent-encoded) request path, case-sensitively; a trailing
 * slash is significant.
 */
public final class PathPattern {
  /** Precedence classes of SPEC §3: exact paths, then {@code :param} paths, then {@code /*} prefixes. */
  public enum Kind { EXACT, PARAM, PREFIX }

  private final String text;
  private final String[] segments;   // literal text, or null for a param
  private final List<String> paramNames;
  private final boolean wildcard;
  private final int literalCount;
  private final String literalPrefix; // for PREFIX patterns without params: the raw prefix incl. trailing '/'

  private PathPattern(String text, String[] segments, List<String> paramNames, boolean wildcard) {
    this.text = text;
    this.segments = segments;
    this.paramNames = List.copyOf(paramNames);
    this.wildcard = wildcard;
    int lits = 0;
    for (String s : segments) {
      if (s != null) {
        lits++;
      }
    }
    this.literalCount = lits;
    this.literalPrefix = wildcard && paramNames.isEmpty() ? text.substring(0, text.length() - 1) : null;
  }

  /** @throws IllegalArgumentException with a message fit for a config problem */
  public static PathPattern parse(String text) {
    if (text == null || !text.startsWith("/")) {
      throw new IllegalArgumentException("must start with /");
    }
    boolean wildcard = text.endsWith("/*");
    String body = wildcard ? text.substring(1, Math.max(1, text.length() - 2)) : text.substring(1);
    List<String> segs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (!body.isEmpty() || !wildcard) {
      for (String s : body.split("/", -1)) {
        if (s.startsWith(":")) {
          String name = s.substring(1);
          if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("\"" + s + "\" is not a valid :param name");
          }
          if (names.contains(name)) {
            throw new IllegalArgumentException("parameter :" + name + " appears twice");
          }
          names.add(name);
          segs.add(null);
        } else {
          if (s.contains("*")) {
            throw new IllegalArgumentException("* is only allowed as the last segment, /*");
          }
          if (s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("dot segments are not allowed");
          }
          if (!s.matches("[A-Za-z0-9._~!$&'()+,=@-]*")) {
            throw new IllegalArgumentException("segment \"" + s + "\" has characters a path may not carry unencoded");
          }
          segs.add(s);
        }
      }
    }
    return new PathPattern(text, segs.toArray(new String[0]), names, wildcard);
  }

  public Kind kind() {
    if (wildcard) {
      return Kind.PREFIX;
    }
    return paramNames.isEmpty() ? Kind.EXACT : Kind.PARAM;
  }

  public String text() { return text; }
  public List<String> paramNames() { return paramNames; }
  public boolean wildcard() { return wildcard; }
  public int literalCount() { return literalCount; }
  public int segmentCount() { return segments.length; }

  /**
   * @param rawPath the request path, starting with {@code /}
   * @return the match with raw param values and rest, or {@code null}
   */
  public RouteMatch.Parts match(String rawPath) {
    if (literalPrefix != null) {
      return rawPath.startsWith(literalPrefix) ? new RouteMatch.Parts(NO_PARAMS, rawPath.substring(literalPrefix.length())) : null;
    }
    String[] values = paramNames.isEmpty() ? NO_PARAMS : new String[paramNames.size()];
    int pos = 1; // after the leading '/'
    int p = 0;
    for (int i = 0; i < segments.length; i++) {
      int slash = rawPath.indexOf('/', pos);
      boolean last = i == segments.length - 1;
      int end;
      if (slash < 0) {
        end = rawPath.length();
      } else {
        end = slash;
      }
      if (last && !wildcard && slash >= 0) {
        return null; // more segments than the pattern has
      }
      if (!last && slash < 0) {
        return null;
      }
      if (last && wildcard && slash < 0) {
        return null; // /a/* needs "/a/" at least
      }
      String lit = segments[i];
      if (lit != null) {
        if (end - pos != lit.length() || !rawPath.startsWith(lit, pos)) {
          return null;
        }
      } else {
        if (end == pos) {
          return null; // a param never matches an empty segment
        }
        values[p++] = rawPath.substring(pos, end);
      }
      pos = end + 1;
    }
    if (segments.length == 0) {
      // "/*": everything after the first slash
      return new RouteMatch.Parts(NO_PARAMS, rawPath.substring(1));
    }
    return new RouteMatch.Parts(values, wildcard ? rawPath.substring(Math.min(pos, rawPath.length())) : null);
  }

  static final String[] NO_PARAMS = new String[0];

  @Override
  public String toString() {
    return text;
  }
}

package io.wplive.proxy.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Parses a raw query string and renders it in the canonical order and encoding of the cache key. */
public final class QueryString {
  /** One decoded parameter; a parameter without {@code =} has an empty value. */
  public record Param(String name, String value) {
  }

  /** Thrown for more parameters than {@code server.maxQueryParams}. */
  public static final class TooManyParamsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooManyParamsException(int max) {
      super("more than " + max + " query parameters");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  private QueryString() {
  }

  /**
   * @param raw the query as received, without {@code ?}; {@code null} or empty = none
   * @throws PercentCoding.MalformedException on a bad escape
   * @throws TooManyParamsException beyond {@code maxParams}
   */
  public static List<Param> parse(String raw, int maxParams) {
    if (raw == null || raw.isEmpty()) {
      return List.of();
    }
    List<Param> out = new ArrayList<>();
    int start = 0;
    while (start <= raw.length()) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      if (end > start) {
        String part = raw.substring(start, end);
        int eq = part.indexOf('=');
        String name = PercentCoding.decode(eq < 0 ? part : part.substring(0, eq), true);
        String value = eq < 0 ? "" : PercentCoding.decode(part.substring(eq + 1), true);
        if (out.size() >= maxParams) {
          throw new TooManyParamsException(maxParams);
        }
        out.add(new Param(name, value));
      }
      if (amp < 0) {
        break;
      }
      start = amp + 1;
    }
    return out;
  }

  /**
   * Sorted by name (a stable sort keeps repeated names in their order), each name and value
   * percent-encoded per RFC 3986. The same input in any order or spelling gives the same string.
   */
  public static String canonical(List<Param> params) {
    if (params.isEmpty()) {
      return "";
    }
    List<Param> sorted = params;
    if (params.size() > 1) {
      sorted = new ArrayList<>(params);
      sorted.sort(Comparator.comparing(Param::name));
    }
    StringBuilder sb = new StringBuilder(64);
    for (Param p : sorted) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(PercentCoding.encode(p.name())).append('=').append(PercentCoding.encode(p.value()));
    }
    return sb.toString();
  }
}

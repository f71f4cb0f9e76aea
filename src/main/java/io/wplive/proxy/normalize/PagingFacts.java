package io.wplive.proxy.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.wplive.proxy.config.NormalizeOptions;
import java.math.BigInteger;
import java.util.function.Function;

/** Reads the total count and the next cursor from the document or from the upstream's headers. */
final class PagingFacts {
  private static final String HEADER = "header:";
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String totalHeader;
  private final PointerPath totalPointer;
  private final boolean cursorStyle;
  private final String cursorHeader;
  private final PointerPath cursorPointer;
  private final String cursorParam;

  PagingFacts(NormalizeOptions options) {
    String total = options.total();
    totalHeader = headerName(total);
    totalPointer = total == null || totalHeader != null ? null : PointerPath.parse(total);
    NormalizeOptions.Pagination p = options.pagination();
    cursorStyle = p != null && "cursor".equals(p.style());
    String next = cursorStyle ? p.nextCursor() : null;
    cursorHeader = headerName(next);
    cursorPointer = next == null || cursorHeader != null ? null : PointerPath.parse(next);
    cursorParam = p == null ? null : p.cursorParam();
  }

  boolean cursorStyle() {
    return cursorStyle;
  }

  /** The total item count, or {@code null} when not configured, absent, or not a whole number (warned). */
  Long total(JsonNode doc, boolean xml, Function<String, String> upstreamHeader, Warnings warnings) {
    if (totalHeader != null) {
      String v = upstreamHeader.apply(totalHeader);
      if (v == null || v.isBlank()) {
        return null;
      }
      Long n = wholeNumber(v.trim());
      if (n == null) {
        warnings.add("total header " + totalHeader + " is not a whole number; total sent as null");
      }
      return n;
    }
    if (totalPointer == null) {
      return null;
    }
    JsonNode v = totalPointer.resolve(doc, xml).single();
    if (v == null || v.isNull() || PointerPath.isBlankText(v)) {
      return null;
    }
    Long n = null;
    if (v.isIntegralNumber()) {
      n = v.bigIntegerValue().signum() >= 0 && v.bigIntegerValue().compareTo(LONG_MAX) <= 0 ? v.longValue() : null;
    } else if (v.isBigDecimal() || v.isFloatingPointNumber()) {
      n = wholeNumber(v.decimalValue().stripTrailingZeros().toPlainString());
    } else if (v.isTextual()) {
      n = wholeNumber(v.textValue().trim());
    }
    if (n == null) {
      warnings.add("total at " + totalPointer.text() + " is not a whole number; total sent as null");
    }
    return n;
  }

  /** The cursor of the next page (cursor style), or {@code null} on the last page. */
  String nextCursor(JsonNode doc, boolean xml, Function<String, String> upstreamHeader) {
    if (cursorHeader != null) {
      String v = upstreamHeader.apply(cursorHeader);
      if (v == null || v.isBlank()) {
        return null;
      }
      if (!cursorHeader.equalsIgnoreCase("Link")) {
        return v.trim();
      }
      String url = LinkHeader.nextUrl(v);
      if (url == null) {
        return null;
      }
      String cursor = LinkHeader.queryParam(url, cursorParam);
      return cursor == null || cursor.isEmpty() ? url : cursor;
    }
    if (cursorPointer == null) {
      return null;
    }
    JsonNode v = cursorPointer.resolve(doc, xml).single();
    if (v == null || !(v.isTextual() || v.isNumber())) {
      return null;
    }
    String s = v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
    return s.isBlank() ? null : s;
  }

  private static String headerName(String setting) {
    return setting != null && setting.startsWith(HEADER) ? setting.substring(HEADER.length()) : null;
  }

  private static Long wholeNumber(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    return Long.parseLong(s);
  }
}

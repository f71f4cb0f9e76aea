package io.wplive.proxy.normalize;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The upstream body formats a route can normalize, and how they are recognised. */
enum BodyFormat {
  JSON, XML, CSV, ICAL;

  /** @param configured {@code json|xml|csv|ical} from the route config */
  static BodyFormat ofConfig(String configured) {
    return valueOf(configured.toUpperCase(Locale.ROOT));
  }

  /**
   * The format a Content-Type names, or {@code null}. Recognised: {@code application/json} and any
   * {@code +json}, {@code text/xml}, {@code application/xml} and any {@code +xml}, {@code text/csv},
   * {@code text/calendar}.
   */
  static BodyFormat ofContentType(String contentType) {
    String type = mediaType(contentType);
    if (type == null) {
      return null;
    }
    if (type.equals("application/json") || type.equals("text/json") || type.endsWith("+json")) {
      return JSON;
    }
    if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
      return XML;
    }
    if (type.equals("text/csv") || type.equals("application/csv") || type.equals("text/tab-separated-values")) {
      return CSV;
    }
    if (type.equals("text/calendar")) {
      return ICAL;
    }
    return null;
  }

  /**
   * A guess from the first bytes, for upstreams that send {@code text/plain} or no Content-Type at all.
   * CSV is never guessed: almost any text would pass for it.
   */
  static BodyFormat sniff(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    if (i >= body.length) {
      return null;
    }
    byte first = body[i];
    if (first == '{' || first == '[') {
      return JSON;
    }
    if (first == '<') {
      return XML;
    }
    String start = new String(body, i, Math.min(15, body.length - i), StandardCharsets.US_ASCII);
    if (start.equalsIgnoreCase("BEGIN:VCALENDAR")) {
      return ICAL;
    }
    return null;
  }

  /** The {@code charset} parameter of a Content-Type, or UTF-8 when absent or unknown. */
  static Charset charset(String contentType) {
    if (contentType != null) {
      for (String param : contentType.split(";")) {
        int eq = param.indexOf('=');
        if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
          String name = param.substring(eq + 1).trim().replace("\"", "");
          try {
            return Charset.forName(name);
          } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semi = contentType.indexOf(';');
    String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return t.isEmpty() ? null : t;
  }
}

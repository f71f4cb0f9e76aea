package io.wplive.proxy.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of malformed (and some well-formed) HTTP/1.1 requests for {@link RequestFuzzTest}.
 * Every case carries {@code X-Request-Id: fz<id>} (except pure garbage), which the proxy forwards
 * upstream, so an upstream call can be traced back to the case that caused it.
 *
 * <p>Two shapes: {@link Shape#FRAMED} requests are complete (headers end with an empty line, the
 * body matches its framing), so the server must answer or close, and they can share a keep-alive
 * connection; {@link Shape#OPEN} requests may leave the framing open or ambiguous (bad
 * Content-Length, broken chunking, garbage, bare CR/LF), so they are sent on a connection of their
 * own that the client half-closes after writing.
 */
final class RequestGenerator {
  enum Shape { FRAMED, OPEN }

  /** One generated case. */
  record Case(long id, byte[] bytes, Shape shape, int expectedAnswers, boolean head, boolean secondHead, String kind) {
    /** Whether answer number {@code answer} (0 or 1) is to a HEAD request, so it has no body whatever its headers say. */
    boolean headAt(int answer) {
      return answer == 0 ? head : secondHead;
    }

    String printable() {
      StringBuilder sb = new StringBuilder();
      int n = Math.min(bytes.length, 1200);
      for (int i = 0; i < n; i++) {
        int b = bytes[i] & 0xFF;
        if (b == '\r') {
          sb.append("\\r");
        } else if (b == '\n') {
          sb.append("\\n\n");
        } else if (b < 0x20 || b >= 0x7f) {
          sb.append(String.format("\\x%02x", b));
        } else {
          sb.append((char) b);
        }
      }
      if (bytes.length > n) {
        sb.append("… (").append(bytes.length).append(" bytes)");
      }
      return sb.toString();
    }
  }

  static final String[] ROUTE_PREFIXES = {
      "/api/items", "/api/items", "/api/items", "/api/products/", "/api/products/", "/api/files/", "/api/files/",
      "/api/live", "/api/write", "/api/norm", "/open/", "/health/live", "/health/ready", "/health", "/metrics",
      "/admin/purge", "/admin/cache", "/hooks/api", "/hooks/", "/__demo/inventory/mode", "/", "", "/api", "/API/items",
      "/api/items/", "//api/items", "/api//items", "http://evil.example.com/api/items", "http://127.0.0.1/api/items",
      "//evil.example.com/api/items", "*", "evil.example.com:443", "/api/products", "/api/files", "/open"};

  static final String[] SAFE_SEGMENTS = {"a", "b1", "item-1", "x_y", "~t", "caf%C3%A9", "%20", "A.B", "...", "v1.2",
      "0", "-", "x", "%41", "%7E", "a+b", "a=b", "a%26b", "@", "!", "$", "'", "(", ")", "*", ",", ":"};

  static final String[] EVIL_SEGMENTS = {"..", ".", "%2e", "%2e%2e", "%2E%2e", ".%2e", "%2e.", "%252e%252e", "%25252e%25252e",
      "%2f", "%2F", "a%2fb", "%252f", "%5c", "%5C", "%255c", "\\", "a\\b", "..\\", ";", "a;b=c", "..;", "%3b", "%3B",
      "%00", "%0d%0a", "%0a", "%0D", "%09", "%c0%ae", "%c0%ae%c0%ae", "%c0%af", "%c1%9c", "%e0%80%ae", "%f0%80%80%ae",
      "%ff", "%fe%ff", "%", "%g0", "%2", "%%32%65", "%u002e", "%u2215", "%e2%88%95", "%ef%bc%8f", "\u00e9", "\u00ff",
      "\u2215", "//", "", "%7f", "%1f", "\u0001", "\u007f", "?", "#", "#frag", "%23", "%3f", "a?b", "\t", "%C3%A9%2F",
      ".%00.", "%2e%2e%2f%2e%2e%2f", "....//", "..%c0%af", "%2e%2e%5c"};

  static final String[] QUERY_NAMES = {"page", "per_page", "q", "cursor", "junk", "a", "", "%", "=", "+", "a+b", "%26",
      "%3d", "p%00", "x%0d%0a", "page%5B%5D", "page[]", "utm_source", "$skip", "$top", "%ff", "%c0%ae", "\u00e9", "x".repeat(300)};

  static final String[] QUERY_VALUES = {"1", "2", "0", "-1", "99999999999", "2147483648", "1e3", "1.5", "abc", "", "+", "%20",
      "%", "%zz", "%0d%0aX-Injected:%20yes", "%00", "a&b", "%26", "%3D", "\u00e9", "%c3%a9", "%c3", "%ff", "a+b%2Bc",
      "..%2f..%2f", "<script>", "'\"", "y".repeat(500), "1,2", "[1]", "{}", "%2e%2e"};

  static final String[] METHODS = {"GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
      "TRACE", "CONNECT", "PROPFIND", "get", "Get", "FOO", "G ET", "GET\t", "", "GE\u00c9T", "\u0000GET", "G@T", "BREW",
      "PRI", "M-SEARCH", "X".repeat(100)};

  static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
      "HTTP/0.9", "HTTP/1.2", "HTTP/9.9", "http/1.1", "HTTP/1", "HTTP/1.1 ", "HTTP/1.1 extra", "", "HTTP/x.y",
      "HTTPS/1.1", "HTTP/01.1"};

  static final String[][] HEADERS = {
      {"Host", "evil.example.com"}, {"Host", ""}, {"Host", "a b"}, {"Host", "[::1]"}, {"Host", "127.0.0.1:99999"},
      {"Host", "h".repeat(300)}, {"X-Forwarded-For", "1.2.3.4"}, {"X-Forwarded-For", "garbage"},
      {"X-Forwarded-For", "1.2.3.4, 5.6.7.8"}, {"X-Forwarded-For", "::1"}, {"X-Forwarded-For", "999.999.1.1"},
      {"X-Forwarded-Host", "evil.example.com"}, {"X-Forwarded-Proto", "gopher"}, {"Forwarded", "for=1.2.3.4;host=evil"},
      {"X-Api-Key", "key"}, {"Authorization", "Bearer x"}, {"Authorization", "Basic Zm9vOmJhcg=="}, {"Authorization", ""},
      {"Cookie", "a=b; c=d"}, {"Origin", "https://shop.example.com"}, {"Origin", "https://evil.example.com"},
      {"Origin", "null"}, {"Access-Control-Request-Method", "POST"}, {"Access-Control-Request-Headers", "x-api-key"},
      {"If-None-Match", "*"}, {"If-None-Match", "\"abc\""}, {"If-None-Match", "W/\"\""}, {"If-None-Match", "garbage,,,"},
      {"If-Modified-Since", "yesterday"}, {"If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"},
      {"If-Match", "*"}, {"If-Unmodified-Since", "x"}, {"If-Range", "\"x\""}, {"Range", "bytes=0-1"},
      {"Range", "bytes=-5,0-"}, {"Accept-Encoding", "gzip"}, {"Accept-Encoding", "gzip;q=0"},
      {"Accept-Encoding", "br, *;q=0, gzip"}, {"Accept-Encoding", ";;;"}, {"Accept-Language", "xx-POISON"},
      {"Cache-Control", "no-cache"}, {"Cache-Control", "max-age=-1"}, {"Cache-Control", "only-if-cached"},
      {"Cache-Control", "max-stale=99999999999999999999"}, {"Pragma", "no-cache"}, {"Connection", "close"},
      {"Connection", "keep-alive"}, {"Connection", "X-Foo, Host"}, {"Connection", "garbage"},
      {"Connection", "Upgrade, HTTP2-Settings"}, {"Upgrade", "h2c"}, {"Upgrade", "websocket"},
      {"HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"}, {"Expect", "100-continue"}, {"Expect", "garbage"},
      {"Content-Type", "application/json"}, {"Content-Type", "text/plain; charset=\u00ff"}, {"Content-Encoding", "gzip"},
      {"TE", "trailers"}, {"Keep-Alive", "timeout=1"}, {"Proxy-Authorization", "Basic eA=="}, {"Max-Forwards", "0"},
      {"Via", "1.1 evil"}, {"X-Original-URL", "/admin/purge"}, {"X-Rewrite-URL", "/metrics"},
      {"X-HTTP-Method-Override", "DELETE"}, {"X-Wplp-Timestamp", "1"}, {"X-Wplp-Signature", "sha256=00"},
      {"User-Agent", "fuzz/\u00e9\u00ff"}, {"X-Nul", "a\u0000b"}, {"X-Ctl", "a\u0001\u007fb"},
      {"X-Empty", ""}, {"X-Spaces", "   "}, {"X Bad", "name with space"}, {"X(Bad)", "x"}, {"X-\u00e9", "latin"},
      {"", "empty name"}, {":authority", "evil"}, {"X-Long", "l".repeat(5000)}, {"Content-Length", "0"},
      {"Transfer-Encoding", "identity"}};

  private final SplittableRandom rnd;

  RequestGenerator(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  private <T> T pick(T[] a) {
    return a[rnd.nextInt(a.length)];
  }

  private boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  Case next(long id) {
    int p = rnd.nextInt(100);
    if (p < 62) {
      return framed(id);
    }
    if (p < 67) {
      return pipelined(id);
    }
    if (p < 75) {
      return badLength(id);
    }
    if (p < 82) {
      return badChunked(id);
    }
    if (p < 88) {
      return crlf(id);
    }
    if (p < 94) {
      return truncated(id);
    }
    return garbage(id);
  }

  // ---- building blocks ----

  String target() {
    if (chance(3)) {
      return pick(ROUTE_PREFIXES) + "x".repeat(rnd.nextInt(1500, 3000)); // over maxUriLength
    }
    StringBuilder t = new StringBuilder(pick(ROUTE_PREFIXES));
    if (t.toString().endsWith("/") || chance(30)) {
      int segs = rnd.nextInt(0, 4);
      for (int i = 0; i < segs; i++) {
        if (i > 0 || !t.toString().endsWith("/")) {
          t.append('/');
        }
        t.append(chance(45) ? pick(EVIL_SEGMENTS) : pick(SAFE_SEGMENTS));
      }
    }
    if (chance(55)) {
      t.append('?');
      int params = chance(5) ? rnd.nextInt(15, 40) : rnd.nextInt(0, 5);
      for (int i = 0; i < params; i++) {
        if (i > 0) {
          t.append(chance(5) ? "&&" : chance(3) ? ";" : "&");
        }
        t.append(pick(QUERY_NAMES));
        if (chance(85)) {
          t.append('=').append(pick(QUERY_VALUES));
        }
      }
    }
    if (chance(3)) {
      t.append('#').append(pick(SAFE_SEGMENTS));
    }
    return t.toString();
  }

  private void headers(StringBuilder sb, long id, boolean allowFramingHeaders) {
    boolean host = chance(93);
    if (host) {
      sb.append("Host: 127.0.0.1\r\n");
    }
    int n = chance(3) ? rnd.nextInt(50, 120) : rnd.nextInt(0, 6);
    for (int i = 0; i < n; i++) {
      String[] h = pick(HEADERS);
      if (!allowFramingHeaders && (h[0].equals("Content-Length") || h[0].equals("Transfer-Encoding")
          || h[0].equals("Expect") || h[0].equals("Upgrade") || h[0].startsWith("Connection") || h[0].equals("HTTP2-Settings"))) {
        continue;
      }
      if (h[0].equals("X-Request-Id")) {
        continue;
      }
      sb.append(chance(5) ? h[0].toLowerCase() : h[0]).append(chance(5) ? " :" : ":").append(chance(90) ? " " : "")
          .append(h[1]).append("\r\n");
    }
    // last, so that a random header starting with whitespace (obs-fold) cannot fold into it
    sb.append("X-Request-Id: fz").append(id).append("\r\n");
  }

  private String method() {
    return pick(METHODS);
  }

  static boolean hasBodyMethod(String m) {
    return m.equals("POST") || m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE");
  }

  private byte[] body(int max) {
    int len = chance(10) ? rnd.nextInt(4000, 6000) : rnd.nextInt(0, Math.min(max, 300));
    byte[] b = new byte[len];
    if (chance(50)) {
      String json = "{\"a\":" + rnd.nextInt() + ",\"s\":\"" + "z".repeat(Math.max(0, len - 20)) + "\"}";
      return json.getBytes(StandardCharsets.UTF_8);
    }
    for (int i = 0; i < len; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      bos.writeBytes(p);
    }
    return bos.toByteArray();
  }

  /** A complete request; keep-alive unless the generator picked a closing version or header. */
  private byte[] framedBytes(long id, List<String> kinds, boolean noHead) {
    String m = method();
    if (noHead && m.equals("HEAD")) {
      m = "GET";
    }
    // mostly well-versioned: odd versions only reach Vert.x's own 501, the proxy's logic is behind HTTP/1.x
    String v = chance(85) ? "HTTP/1.1" : chance(35) ? "HTTP/1.0" : pick(VERSIONS);
    String t = target();
    StringBuilder sb = new StringBuilder();
    if (chance(2)) {
      sb.append("\r\n"); // a leading empty line is allowed before a request
    }
    sb.append(m).append(chance(3) ? "  " : " ").append(t).append(' ').append(v).append("\r\n");
    headers(sb, id, false);
    byte[] body = new byte[0];
    if (hasBodyMethod(m) && chance(80) || chance(5)) {
      body = body(6000);
      if (chance(20)) {
        // a well-formed chunked body
        sb.append("Transfer-Encoding: chunked\r\n\r\n");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
          int n = Math.min(body.length - at, rnd.nextInt(1, 700));
          bos.writeBytes(bytes(Integer.toHexString(n) + "\r\n"));
          bos.write(body, at, n);
          bos.writeBytes(bytes("\r\n"));
          at += n;
        }
        bos.writeBytes(bytes("0\r\n\r\n"));
        kinds.add("chunked");
        return concat(bytes(sb.toString()), bos.toByteArray());
      }
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    kinds.add(m.isEmpty() ? "nomethod" : "m:" + (m.length() > 10 ? m.substring(0, 10) : m));
    return concat(bytes(sb.toString()), body);
  }

  private Case framed(long id) {
    List<String> kinds = new ArrayList<>();
    byte[] b = framedBytes(id, kinds, false);
    String text = new String(b, StandardCharsets.ISO_8859_1).stripLeading();
    // a malformed request line or version may make the server wait or close: those go alone
    boolean safeVersion = text.contains(" HTTP/1.1\r\n") || text.contains(" HTTP/1.0\r\n");
    return new Case(id, b, safeVersion ? Shape.FRAMED : Shape.OPEN, 1, isHead(b), false, "framed " + kinds);
  }

  /** The id of the second request of a pipelined case (its answer may be lost when the server closes first). */
  static long secondId(long id) {
    return id + (1L << 40);
  }

  private Case pipelined(long id) {
    List<String> kinds = new ArrayList<>();
    byte[] a = framedBytes(id, kinds, true);
    byte[] b = framedBytes(secondId(id), kinds, true);
    return new Case(id, concat(a, b), Shape.OPEN, 2, isHead(a), isHead(b), "pipelined " + kinds);
  }

  private Case badLength(long id) {
    String m = chance(50) ? "POST" : pick(METHODS);
    StringBuilder sb = new StringBuilder(m + " " + (chance(70) ? "/api/write" : target()) + " HTTP/1.1\r\n");
    headers(sb, id, false);
    byte[] body = body(300);
    String[] bad = {"abc", "-1", "1, 2", " 5 ", "+5", "0x10", "99999999999999999999", "1e2", "", Integer.toString(body.length + 10),
        Integer.toString(Math.max(0, body.length - 1)), Integer.toString(body.length) + "\u0000"};
    String cl = pick(bad);
    sb.append("Content-Length: ").append(cl).append("\r\n");
    if (chance(30)) {
      sb.append("Content-Length: ").append(body.length + 1).append("\r\n"); // conflicting duplicate
    }
    if (chance(25)) {
      sb.append("Transfer-Encoding: chunked\r\n"); // both: request smuggling shape
    }
    sb.append("\r\n");
    return new Case(id, concat(bytes(sb.toString()), body), Shape.OPEN, 1, m.equals("HEAD"), false, "content-length " + cl);
  }

  private Case badChunked(long id) {
    StringBuilder sb = new StringBuilder((chance(70) ? "POST /api/write" : pick(METHODS) + " " + target()) + " HTTP/1.1\r\n");
    headers(sb, id, false);
    String[] te = {"chunked", "Chunked", "chunked, gzip", "gzip, chunked", "gzip", "xchunked", "chunked\u0000", " chunked",
        "identity, chunked", "chunked;q=1"};
    String t = pick(te);
    sb.append("Transfer-Encoding: ").append(t).append("\r\n");
    boolean twoLines = chance(15);
    if (twoLines) {
      sb.append("Transfer-Encoding: chunked\r\n");
    }
    sb.append("\r\n");
    // A body followed by a whole request: under a valid chunked framing that request is a legitimate pipelined
    // one, with an id of its own (it may be served, and its answer lost when the half-closed connection closes
    // first, as in pipelined cases). Under any other Transfer-Encoding the head is refused (RFC 9112 §6.3) and
    // the request behind it must never reach the upstream, so it carries the case's id.
    boolean validFraming = !twoLines && t.trim().equalsIgnoreCase("chunked");
    long behindId = validFraming ? secondId(id) : id;
    String[] bodies = {"5\r\nhello\r\n0\r\n\r\n", "zz\r\nhello\r\n0\r\n\r\n", "5\r\nhello\r\n", "5\r\nhel", "-1\r\nx\r\n0\r\n\r\n",
        "ffffffffffffffff\r\nx\r\n", "5;ext=1\r\nhello\r\n0\r\n\r\n", "5\r\nhello0\r\n\r\n", "0\r\nX-Trailer: y\r\n\r\n",
        "5\nhello\n0\n\n", "3\r\nabc\r\n0\r\n\r\nGET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz" + behindId + "\r\n\r\n",
        "1000\r\n" + "a".repeat(4096) + "\r\n1000\r\n" + "a".repeat(4096) + "\r\n0\r\n\r\n"};
    String b = pick(bodies);
    int answers = validFraming && b.contains("GET /api/items") ? 2 : 1;
    // the request behind the body is a GET
    return new Case(id, concat(bytes(sb.toString()), bytes(b)), Shape.OPEN, answers, isHead(bytes(sb.toString())), false,
        "transfer-encoding " + t);
  }

  private Case crlf(long id) {
    String[] forms = {
        "GET /api/items?q=a\rX-Injected: yes HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-A: a\nX-Injected: yes\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-A: a\rX-Injected: yes\r\n\r\n",
        "GET /api/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-A: a\r\n X-Injected: folded\r\n\r\n",
        "GET /api/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-A: a\r\n\tfolded\r\n\r\n",
        "GET /api/items HTTP/1.1\nHost: x\nX-Request-Id: fz%d\n\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nNoColonHeader\r\n\r\n",
        "GET /api/items HTTP/1.1\r\n Host: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nHost: evil\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/products/a\r\nX-Injected: yes HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-A: \u0000\r\n\r\n",
        "GET\u0000/api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\r\n",
        "GET /api/items?%0d%0aX-Injected:%20yes HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\n\r\n",
        "GET /api/items HTTP/1.1\r\nHost: x\r\nX-Request-Id: fz%d\r\nX-Forwarded-Host: a\r\n\r\n"};
    String f = pick(forms).replace("fz%d", "fz" + id);
    return new Case(id, bytes(f), Shape.OPEN, 1, false, false, "crlf");
  }

  private Case truncated(long id) {
    byte[] full = framedBytes(id, new ArrayList<>(), true);
    int cut = rnd.nextInt(1, Math.max(2, full.length));
    byte[] b = new byte[cut];
    System.arraycopy(full, 0, b, 0, cut);
    return new Case(id, b, Shape.OPEN, 1, false, false, "truncated");
  }

  private Case garbage(long id) {
    int len = rnd.nextInt(1, 300);
    byte[] b = new byte[len];
    int style = rnd.nextInt(3);
    for (int i = 0; i < len; i++) {
      b[i] = switch (style) {
        case 0 -> (byte) rnd.nextInt(256);
        case 1 -> (byte) rnd.nextInt(0x20, 0x7f);
        default -> (byte) "GET /\r\n: HTTP/1.1%\u0000 ".charAt(rnd.nextInt(20));
      };
    }
    return new Case(id, b, Shape.OPEN, 1, false, false, "garbage");
  }

  /** Empty lines before a request line are skipped (RFC 9112 §2.2), as the server does. */
  private static boolean isHead(byte[] request) {
    return new String(request, StandardCharsets.ISO_8859_1).stripLeading().startsWith("HEAD ");
  }
}

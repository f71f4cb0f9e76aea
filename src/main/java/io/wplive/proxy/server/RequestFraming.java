package io.wplive.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.wplive.proxy.http.PercentCoding;
import java.util.Iterator;
import java.util.Map;

/**
 * Request heads the proxy refuses before any handler sees them, because the connection cannot be
 * trusted to frame the next request the way a front proxy did (request smuggling, RFC 9112):
 * <ul>
 *   <li>a {@code Transfer-Encoding} other than exactly {@code chunked} (§6.1, §6.3: the proxy
 *       implements no other transfer coding, and a body whose final coding is not chunked cannot
 *       be delimited), or any {@code Transfer-Encoding} on an HTTP/1.0 request (§6.1: faulty framing);</li>
 *   <li>more than one {@code Host} header (§3.2), or a {@code Host} that names another authority
 *       than an absolute-form request target (§3.2.2, RFC 9110 §7.2: a client must send the same).</li>
 * </ul>
 * Each is answered 400 and the connection closed ({@link ConnectionGuard} marks the request as
 * undecodable, so Vert.x hands it to {@link InvalidRequests} and closes after the answer).
 * {@code Content-Length} together with {@code Transfer-Encoding} is refused the same way, by the
 * decoder itself ({@link FramingDecoder}): the decoder removes the Content-Length before this check
 * could see it.
 */
final class RequestFraming {
  private RequestFraming() {
  }

  /** Why a request head was refused; carried as the decoder result's cause to {@link InvalidRequests}. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private static final int HOST_LENGTH = HttpHeaderNames.HOST.length();
  private static final int TRANSFER_ENCODING_LENGTH = HttpHeaderNames.TRANSFER_ENCODING.length();
  private static final AsciiString CHUNKED = HttpHeaderValues.CHUNKED;

  /**
   * Why {@code req} must be refused, or null when it is fine. One pass over the header lines, no
   * allocation on the normal path (the iterator is the only object and does not escape).
   */
  static String problem(HttpRequest req) {
    HttpVersion version = req.protocolVersion();
    if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
      // Netty reuses its constants only for the exact spellings; "HTTP/1.00" or "http/1.1" would
      // get HTTP/1.1 framing from Netty but none of the checks below that compare with them
      return "unsupported HTTP version " + version.text();
    }
    CharSequence host = null;
    int hosts = 0;
    int codings = 0; // transfer codings over all Transfer-Encoding lines
    boolean onlyChunked = true;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = req.headers().iteratorCharSequence(); it.hasNext();) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      CharSequence name = e.getKey();
      int len = name.length();
      if (len == HOST_LENGTH && AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.HOST)) {
        hosts++;
        host = e.getValue();
      } else if (len == TRANSFER_ENCODING_LENGTH && AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRANSFER_ENCODING)) {
        CharSequence v = e.getValue();
        int before = codings;
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
          if (i == v.length() || v.charAt(i) == ',') {
            int from = start;
            int to = i;
            while (from < to && isOws(v.charAt(from))) {
              from++;
            }
            while (to > from && isOws(v.charAt(to - 1))) {
              to--;
            }
            if (to > from) { // empty list elements are allowed (RFC 9110 §5.6.1) and mean nothing
              codings++;
              onlyChunked &= to - from == CHUNKED.length() && AsciiString.regionMatches(v, true, from, CHUNKED, 0, to - from);
            }
            start = i + 1;
          }
        }
        if (codings == before) {
          onlyChunked = false; // a Transfer-Encoding line without any coding
          codings++;
        }
      }
    }
    if (codings > 0) {
      if (req.protocolVersion() == HttpVersion.HTTP_1_0) {
        return "Transfer-Encoding is not allowed in an HTTP/1.0 request";
      }
      if (codings != 1 || !onlyChunked) {
        return "Transfer-Encoding must be chunked and nothing else: the request body cannot be framed";
      }
    }
    if (hosts > 1) {
      return "more than one Host header";
    }
    if (hosts == 0 && version == HttpVersion.HTTP_1_1) {
      return "an HTTP/1.1 request needs a Host header"; // RFC 9112 §3.2: MUST answer 400
    }
    if (host != null && !validHost(host)) {
      return "the Host header is not a valid host[:port]"; // RFC 9112 §3.2: MUST answer 400
    }
    if (host != null) {
      String uri = req.uri();
      if (!uri.isEmpty() && uri.charAt(0) != '/' && req.method() != HttpMethod.CONNECT && !sameAuthorityAsTarget(uri, host)) {
        return "the Host header names another authority than the request target";
      }
    }
    return null;
  }

  /**
   * RFC 9110 §7.2 / RFC 3986 §3.2.2: {@code uri-host [":" port]}, where uri-host is a bracketed IP
   * literal or a reg-name (unreserved, percent-encoded and sub-delims characters; an IPv4 address
   * is one too). Empty is valid: a client sends it for a target without authority.
   */
  static boolean validHost(CharSequence value) {
    String v = value.toString().trim();
    int i = 0;
    int n = v.length();
    if (i < n && v.charAt(i) == '[') {
      int close = v.indexOf(']');
      if (close < 0) {
        return false;
      }
      for (int k = 1; k < close; k++) {
        char c = v.charAt(k);
        if (!(PercentCoding.isUnreserved(c) || subDelim(c) || c == ':' || c == '%')) { // % for RFC 6874 zone ids
          return false;
        }
      }
      i = close + 1;
    } else {
      while (i < n && v.charAt(i) != ':') {
        char c = v.charAt(i);
        if (c == '%') {
          if (i + 2 >= n || Character.digit(v.charAt(i + 1), 16) < 0 || Character.digit(v.charAt(i + 2), 16) < 0) {
            return false;
          }
          i += 3;
          continue;
        }
        if (!(PercentCoding.isUnreserved(c) || subDelim(c))) {
          return false;
        }
        i++;
      }
    }
    if (i == n) {
      return true;
    }
    if (v.charAt(i) != ':') {
      return false;
    }
    for (int k = i + 1; k < n; k++) {
      if (v.charAt(k) < '0' || v.charAt(k) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean subDelim(char c) {
    return "!$&'()*+,;=".indexOf(c) >= 0;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Whether an absolute-form target ({@code scheme://[userinfo@]host[:port]/…}) names the same
   * authority as {@code host}: host names compared without case, a missing port taken as the
   * scheme's default. A target that is not absolute-form ({@code *}, garbage) has no authority to
   * disagree with, so it passes here and is left to routing (404).
   */
  static boolean sameAuthorityAsTarget(String uri, CharSequence host) {
    int schemeEnd = uri.indexOf("://");
    if (schemeEnd <= 0) {
      return true;
    }
    int start = schemeEnd + 3;
    int end = start;
    while (end < uri.length() && "/?#".indexOf(uri.charAt(end)) < 0) {
      end++;
    }
    String authority = uri.substring(start, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    String scheme = uri.substring(0, schemeEnd);
    int defaultPort = scheme.equalsIgnoreCase("http") ? 80 : scheme.equalsIgnoreCase("https") ? 443 : -1;
    String hostValue = host.toString().trim();
    int targetPort = port(authority, defaultPort);
    return targetPort != -2 && targetPort == port(hostValue, defaultPort)
        && hostPart(authority).equalsIgnoreCase(hostPart(hostValue));
  }

  /** The host of {@code host[:port]} / {@code [v6][:port]}. */
  private static String hostPart(String authority) {
    int colon = portColon(authority);
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  /** The port of {@code host[:port]}, {@code defaultPort} when none is given, -2 when it is not a number. */
  private static int port(String authority, int defaultPort) {
    int colon = portColon(authority);
    if (colon < 0 || colon == authority.length() - 1) {
      return defaultPort; // "host" or "host:" (an empty port is the default, RFC 3986 §3.2.3)
    }
    try {
      return Integer.parseInt(authority.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -2;
    }
  }

  private static int portColon(String authority) {
    int colon = authority.lastIndexOf(':');
    int bracket = authority.lastIndexOf(']');
    return colon > bracket ? colon : -1;
  }
}

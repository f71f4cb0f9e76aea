package io.wplive.proxy.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Speaks HTTP/1.1 over a plain socket, for what a well-behaved client library refuses to send:
 * absolute-form and authority-form request lines, raw backslashes, odd headers. Reads one
 * answer (Content-Length or chunked, or until the server closes).
 */
public final class RawHttp {
  private RawHttp() {
  }

  /**
   * Sends {@code requestLine} with the header lines given, plus {@code Host} and
   * {@code Connection: close} unless given, then reads one answer.
   */
  public static HttpResult send(int port, String requestLine, String... headerLines) {
    StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
    boolean host = false;
    boolean connection = false;
    for (String h : headerLines) {
      host |= h.regionMatches(true, 0, "Host:", 0, 5);
      connection |= h.regionMatches(true, 0, "Connection:", 0, 11);
      sb.append(h).append("\r\n");
    }
    if (!host) {
      sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    if (!connection) {
      sb.append("Connection: close\r\n");
    }
    sb.append("\r\n");
    return exchange(port, sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends the bytes as they are and reads one answer. */
  public static HttpResult exchange(int port, byte[] request) {
    long start = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      return read(s.getInputStream(), start);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResult read(InputStream in, long start) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int c = l.indexOf(':');
      headers.add(l.substring(0, c).trim(), l.substring(c + 1).trim());
    }
    Buffer body = Buffer.buffer();
    String cl = headers.get("content-length");
    String te = headers.get("transfer-encoding");
    if (te != null && te.toLowerCase().contains("chunked")) {
      while (true) {
        String size = line(in);
        if (size == null) {
          break;
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          line(in);
          break;
        }
        body.appendBytes(in.readNBytes(n));
        line(in);
      }
    } else if (cl != null) {
      body.appendBytes(in.readNBytes(Integer.parseInt(cl.trim())));
    } else if (status != 204 && status != 304) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try {
        in.transferTo(bos);
      } catch (SocketTimeoutException e) {
        // no length and no close: take what came
      }
      body.appendBytes(bos.toByteArray());
    }
    return new HttpResult(status, headers, body, (System.nanoTime() - start) / 1_000_000);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        byte[] bytes = bos.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      bos.write(b);
    }
    return bos.size() == 0 ? null : bos.toString(StandardCharsets.ISO_8859_1);
  }
}

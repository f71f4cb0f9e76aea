package io.wplive.proxy.it.security;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.support.HttpResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw HTTP/1.1 client connection for the security, ops and fuzz tests: it can bind a chosen
 * local loopback address (so the proxy sees a client IP other than 127.0.0.1), keep the
 * connection open across several requests, send bytes that no client library would, and tell
 * whether the server closed the connection.
 */
public final class Wire implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private Wire(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream(), 8192);
    this.out = socket.getOutputStream();
  }

  /** Connects from 127.0.0.1 to 127.0.0.1:{@code port}. */
  public static Wire connect(int port) {
    return connect(null, port);
  }

  /**
   * @param localAddress the client address to bind (any 127.x.y.z works on Linux), or null
   */
  public static Wire connect(String localAddress, int port) {
    try {
      Socket s = new Socket();
      s.setTcpNoDelay(true);
      if (localAddress != null) {
        s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      }
      s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      s.setSoTimeout(10_000);
      return new Wire(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Socket socket() {
    return socket;
  }

  public Wire timeout(int ms) {
    try {
      socket.setSoTimeout(ms);
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public void send(String text) {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public void send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends without throwing; false when the server had already closed or reset the connection. */
  public boolean trySend(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads one answer to a request that was not HEAD. */
  public HttpResult read() {
    return read(false);
  }

  public HttpResult read(boolean head) {
    try {
      return readResponse(in, head, System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code request} and reads one answer. */
  public HttpResult exchange(String request) {
    send(request);
    return read(request.startsWith("HEAD "));
  }

  /**
   * Waits until the server closes the connection (EOF or reset) and returns after how many
   * milliseconds, or -1 when it is still open after {@code maxMs}. Bytes the server sends in
   * the meantime (an error answer before the close) are skipped.
   */
  public long closedWithin(long maxMs) {
    long start = System.nanoTime();
    long deadline = start + maxMs * 1_000_000L;
    byte[] buf = new byte[4096];
    try {
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return -1;
        }
        socket.setSoTimeout((int) Math.max(1, left));
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          return -1;
        }
        if (n < 0) {
          return (System.nanoTime() - start) / 1_000_000L;
        }
      }
    } catch (SocketException e) {
      return (System.nanoTime() - start) / 1_000_000L; // reset by the server: closed too
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  // ---- one-shot helpers ----

  /**
   * Sends {@code requestLine} with the header lines given (plus {@code Host} and
   * {@code Connection: close} unless given) from {@code localAddress}, reads one answer.
   */
  public static HttpResult request(String localAddress, int port, String requestLine, String... headerLines) {
    try (Wire w = connect(localAddress, port)) {
      return w.exchange(build(port, requestLine, null, headerLines));
    }
  }

  /** The request text: request line, headers, Host and Connection: close unless given, then {@code body}. */
  public static String build(int port, String requestLine, String body, String... headerLines) {
    StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
    boolean host = false;
    boolean connection = false;
    boolean length = false;
    for (String h : headerLines) {
      host |= h.regionMatches(true, 0, "Host:", 0, 5);
      connection |= h.regionMatches(true, 0, "Connection:", 0, 11);
      length |= h.regionMatches(true, 0, "Content-Length:", 0, 15) || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18);
      sb.append(h).append("\r\n");
    }
    if (!host) {
      sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    if (!connection) {
      sb.append("Connection: close\r\n");
    }
    if (body != null && !length) {
      sb.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
    }
    sb.append("\r\n");
    if (body != null) {
      sb.append(body);
    }
    return sb.toString();
  }

  // ---- response parsing ----

  static HttpResult readResponse(InputStream in, boolean head, long start) throws IOException {
    String statusLine = line(in);
    while (statusLine != null && statusLine.isEmpty()) {
      statusLine = line(in);
    }
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].matches("[A-Z]+/\\d\\.\\d") || !parts[1].matches("\\d{3}")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int c = l.indexOf(':');
      if (c > 0) {
        headers.add(l.substring(0, c).trim(), l.substring(c + 1).trim());
      }
    }
    if (status == 100) {
      return readResponse(in, head, start);
    }
    Buffer body = Buffer.buffer();
    String cl = headers.get("content-length");
    String te = headers.get("transfer-encoding");
    if (head || status == 204 || status == 304) {
      // no body
    } else if (te != null && te.toLowerCase().contains("chunked")) {
      while (true) {
        String size = line(in);
        if (size == null) {
          break;
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
            // trailers
          }
          break;
        }
        body.appendBytes(in.readNBytes(n));
        line(in);
      }
    } else if (cl != null) {
      body.appendBytes(in.readNBytes(Integer.parseInt(cl.trim())));
    } else {
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
    ByteArrayOutputStream bos = new ByteArrayOutputStream(64);
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

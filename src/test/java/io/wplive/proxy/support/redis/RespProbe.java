package io.wplive.proxy.support.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking one-command Redis client over a plain socket, for fixtures only: it answers "is this
 * server up" before any Vert.x instance exists, and never runs on an event loop.
 */
final class RespProbe {
  private RespProbe() {
  }

  /**
   * Sends an inline command ({@code "PING"}, {@code "CLUSTER INFO"}) and returns the reply as
   * text: the line of a simple/error/integer reply, the payload of a bulk reply.
   *
   * @throws IOException when the server does not answer within {@code timeoutMs}
   */
  static String command(int port, String inline, int timeoutMs) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      OutputStream out = s.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      String first = readLine(in);
      if (first.startsWith("$")) {
        int len = Integer.parseInt(first.substring(1));
        if (len < 0) {
          return null;
        }
        byte[] body = in.readNBytes(len);
        return new String(body, StandardCharsets.UTF_8);
      }
      return first;
    }
  }

  /** True when the server answers PING with PONG right now. */
  static boolean pings(int port) {
    try {
      return "+PONG".equals(command(port, "PING", 500));
    } catch (IOException | RuntimeException notYet) {
      return false;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1 && line.size() == 0) {
      throw new IOException("connection closed without a reply");
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}

package io.wplive.proxy.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** An "upstream" that answers every connection with the same bytes, HTTP or not, then closes it. */
public final class GarbageServer implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  public GarbageServer(String answer) {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          connections.incrementAndGet();
          s.setSoTimeout(1000);
          InputStream in = s.getInputStream();
          byte[] buf = new byte[8192];
          in.read(buf); // the request head (enough for these tests)
          OutputStream out = s.getOutputStream();
          out.write(bytes);
          out.flush();
        } catch (IOException e) {
          // closed, or the client went away
        }
      }
    }, "garbage-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int connections() {
    return connections.get();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}

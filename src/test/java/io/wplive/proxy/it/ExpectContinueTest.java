package io.wplive.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.ProxyTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write with {@code Expect: 100-continue} (what curl, and so PHP, sends for larger bodies) gets
 * its interim {@code 100 Continue} at once, as NGINX or Varnish would answer: otherwise every such
 * write waits for the client's expect timeout (1 s in curl) before its body is even sent.
 */
class ExpectContinueTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.status(201, "{\"ok\":true}"));
    startProxy(configWithServer("maxRequestBody: 1KB", """
        - name: orders
          path: /api/orders
          upstream: api
          upstreamPath: /orders
          methods: [POST]
        """));
  }

  @Test
  void interimContinueIsSentBeforeTheBody() throws IOException {
    String body = "{\"qty\":" + "1".repeat(500) + "}";
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(800);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String interim = readSome(s.getInputStream());
      assertThat(interim).as("what the proxy said before the body").startsWith("HTTP/1.1 100");
      out.write(body.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.setSoTimeout(5_000);
      String rest = readSome(s.getInputStream());
      assertThat(rest).contains("201");
    }
    assertThat(upstream.last().bodyString()).isEqualTo(body);
    assertThat(upstream.last().header("Expect")).isNull();
  }

  @Test
  void tooLargeExpectedBodyIsRefusedWithoutReadingIt() throws IOException {
    try (Socket s = new Socket("127.0.0.1", proxy.port())) {
      s.setSoTimeout(2_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5000\r\n"
          + "Expect: 100-continue\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = readSome(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413");
    }
    assertThat(upstream.total()).isZero();
  }

  /** What arrives until the stream pauses (or ends); empty when nothing came within the timeout. */
  private static String readSome(InputStream in) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      int n = in.read(buf);
      while (n > 0) {
        bos.write(buf, 0, n);
        if (in.available() == 0) {
          break;
        }
        n = in.read(buf);
      }
    } catch (SocketTimeoutException e) {
      // nothing (more) within the timeout
    }
    return bos.toString(StandardCharsets.ISO_8859_1);
  }
}

package io.wplive.proxy.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.wplive.proxy.support.FakeUpstream.Reply;
import io.wplive.proxy.support.ProxyTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 / RFC 9110 §9.3.2: an error answer to HEAD is headers only, also when the proxy's own
 * server layer answers (a request the decoder or the framing checks refused, an unknown endpoint).
 * A body there would be read as the start of the next answer on a kept-alive connection. Every
 * exchange here reads the raw bytes until the server closes, so a stray body shows.
 */
class HeadErrorAnswersTest extends ProxyTestBase {
  @BeforeEach
  void start() {
    upstream.reply(Reply.ok("{\"ok\":true}"));
    startProxy(configWithServer("maxHeaderSize: 2KB", """
        - name: items
          path: /api/items
          upstream: api
          upstreamPath: /items
          cache: {ttl: 60s}
        """));
  }

  /** The raw answer: the head, and whatever came after it until the server closed. */
  private record Raw(String head, String rest) {
    int status() {
      return Integer.parseInt(head.split(" ", 3)[1]);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int c = line.indexOf(':');
        if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
          return line.substring(c + 1).trim();
        }
      }
      return null;
    }
  }

  private Raw rawUntilClose(String request) {
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      w.send(request);
      InputStream in = w.socket().getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          all.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server neither closed nor stopped after its answer: " + all.toString(StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        // reset after the answer: closed too
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a complete answer head in %s", text).isPositive();
      return new Raw(text.substring(0, end), text.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertHeadersOnly(Raw r, int status) {
    assertThat(r.status()).as("answer %s", r.head()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.rest()).as("bytes after the head of a HEAD answer").isEmpty();
    String length = r.header("Content-Length");
    assertThat(length).as("Content-Length of the answer a GET would get").isNotNull();
    assertThat(Integer.parseInt(length)).isPositive();
  }

  @Test
  void headersTooLargeOnHeadIs431WithoutABody() {
    Raw r = rawUntilClose("HEAD /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n");
    assertHeadersOnly(r, 431);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void aRefusedHeadRequestIs400WithoutABody() {
    Raw r = rawUntilClose("HEAD /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example.com\r\n\r\n");
    assertHeadersOnly(r, 400);
    assertThat(upstream.total()).isZero();
  }

  @Test
  void aHeadRequestWhoseRequestLineCannotBeReadIs400WithoutABody() {
    // the decoder loses the method with the line; the proxy goes by the bytes the request began with
    Raw r = rawUntilClose("HEAD /api/items HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n");
    assertHeadersOnly(r, 400);
    Raw get = rawUntilClose("GET /api/items HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(get.status()).isEqualTo(400);
    assertThat(new JsonObject(get.rest()).getJsonObject("error").getString("code")).isEqualTo("bad_request");
  }

  @Test
  void aHeadAfterAWholeRequestOnTheSameConnectionIsRecognisedToo() {
    try (Wire w = Wire.connect(proxy.port()).timeout(5_000)) {
      assertThat(w.exchange("GET /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status()).isEqualTo(200);
      w.send("HEAD /api/items HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n\r\n");
      InputStream in = w.socket().getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(text).as("answer %s", text).matches("(?s)HTTP/1\\.[01] 400 .*");
      assertThat(text.substring(end + 4)).as("bytes after the head of a HEAD answer").isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void headOnAnUnknownServerEndpointIs404WithoutABody() {
    // /__demo/… is answered by the server layer itself when the demo upstreams are off
    Raw r = rawUntilClose("HEAD /__demo/anything HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertHeadersOnly(r, 404);
  }

  @Test
  void theSameErrorsToGetCarryTheJsonBody() {
    // control: the length a HEAD states is the one a GET gets
    Raw head = rawUntilClose("HEAD /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example.com\r\n\r\n");
    Raw get = rawUntilClose("GET /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example.com\r\n\r\n");
    assertThat(get.status()).isEqualTo(400);
    JsonObject err = new JsonObject(get.rest()).getJsonObject("error");
    assertThat(err.getString("code")).isEqualTo("bad_request");
    assertThat(get.rest().getBytes(StandardCharsets.ISO_8859_1).length)
        .isEqualTo(Integer.parseInt(get.header("Content-Length")));
    // the request ids differ in length at most by their counter's digits
    assertThat(Integer.parseInt(head.header("Content-Length"))).isCloseTo(Integer.parseInt(get.header("Content-Length")),
        org.assertj.core.data.Offset.offset(4));
  }
}

package io.wplive.proxy.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** A complete HTTP answer as a test sees it. */
public record HttpResult(int status, MultiMap headers, Buffer body, long millis) {
  public String header(String name) {
    return headers.get(name);
  }

  public List<String> headers(String name) {
    return headers.getAll(name);
  }

  public String text() {
    return body.toString();
  }

  public JsonObject json() {
    return new JsonObject(body);
  }

  /** The {@code error} object of a JSON error answer. */
  public JsonObject error() {
    return json().getJsonObject("error");
  }

  public String xCache() {
    return header("X-Cache");
  }

  public String cacheStatus() {
    return header("Cache-Status");
  }

  /** The body gunzipped. */
  public String gunzipped() {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body.getBytes()))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    String b = body.length() > 400 ? body.getString(0, 400) + "…" : body.toString();
    return status + " " + headers.entries() + " " + b;
  }
}

package io.wplive.proxy.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.wplive.proxy.cache.CachedResponse;
import io.wplive.proxy.http.HopByHop;
import io.wplive.proxy.http.StoragePolicy;
import io.wplive.proxy.routing.Route;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Turns an upstream answer into a {@link CachedResponse}: the headers worth replaying, an ETag
 * (the upstream's, or a strong one over the bytes), and a gzip copy made once for bodies of 1 KB
 * or more so no hit ever compresses.
 */
public final class EntryFactory {
  /** Bodies smaller than this are not worth a gzip copy. */
  public static final int GZIP_MIN_BYTES = 1024;

  /** Upstream headers that are recomputed per answer or meaningless to replay. */
  private static final Set<String> DROPPED = Set.of("set-cookie", "cache-control", "expires", "age", "date",
      "content-length", "content-encoding", "etag", "last-modified", "vary", "via", "server", "x-cache",
      "cache-status", "x-request-id", "alt-svc", "strict-transport-security", "pragma", "keep-alive",
      "x-powered-by", "retry-after");

  private EntryFactory() {
  }

  /** The end-to-end headers of {@code upstream} a client should see again. */
  public static List<Map.Entry<String, String>> keptHeaders(MultiMap upstream) {
    Set<String> hop = HopByHop.namesFor(upstream.getAll("connection"));
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : upstream) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      // the proxy answers CORS itself: an upstream's Access-Control-* must not widen it
      if (!hop.contains(name) && !DROPPED.contains(name) && !name.startsWith("access-control-")) {
        out.add(new SimpleImmutableEntry<>(h.getKey(), h.getValue()));
      }
    }
    return out;
  }

  /**
   * @param decision the storage decision; when not stored the entry only carries the answer to the
   *     clients waiting for it, with its times set to "now"
   */
  public static CachedResponse build(Route route, int status, MultiMap upstreamHeaders, Buffer body,
      StoragePolicy.Decision decision, long now, List<String> varyHeaders) {
    String etag = upstreamHeaders.get("etag");
    if (etag == null && status == 200) {
      etag = strongEtag(body);
    }
    Buffer gzip = decision.store() && body.length() >= GZIP_MIN_BYTES && compressible(upstreamHeaders.get("content-type"))
        ? gzip(body) : null;
    CachedResponse.Builder b = CachedResponse.builder()
        .status(status)
        .headers(keptHeaders(upstreamHeaders))
        .body(body)
        .gzipBody(gzip)
        .etag(etag)
        .lastModified(upstreamHeaders.get("last-modified"))
        .storedAt(now)
        .routeName(route.name())
        .tags(route.cache().tags())
        .schemaVersion(route.options().normalize() == null ? "-" : route.options().normalize().schemaVersion())
        .varyHeaders(varyHeaders);
    if (decision.store()) {
      b.freshUntil(decision.freshUntil()).swrUntil(decision.swrUntil()).sieUntil(decision.sieUntil())
          .mustRevalidate(decision.mustRevalidate()).initialAge(decision.initialAgeMs());
    } else {
      b.freshUntil(now).swrUntil(now).sieUntil(now);
    }
    return b.build();
  }

  /** A strong validator over the stored bytes: same bytes, same ETag, on every instance. */
  public static String strongEtag(Buffer body) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] d = md.digest(body.getBytes());
      StringBuilder sb = new StringBuilder(32).append("\"wplp-");
      for (int i = 0; i < 12; i++) {
        sb.append(Character.forDigit((d[i] >> 4) & 0xF, 16)).append(Character.forDigit(d[i] & 0xF, 16));
      }
      return sb.append('"').toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean compressible(String contentType) {
    if (contentType == null) {
      return true;
    }
    String ct = contentType.toLowerCase(Locale.ROOT);
    return ct.startsWith("text/") || ct.contains("json") || ct.contains("xml") || ct.contains("javascript")
        || ct.contains("calendar") || ct.contains("csv");
  }

  static Buffer gzip(Buffer body) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, body.length() / 3));
    try (GZIPOutputStream gz = new GZIPOutputStream(bos, 8192)) {
      gz.write(body.getBytes());
    } catch (java.io.IOException e) {
      return null; // in-memory streams do not fail; without a copy, clients get identity bytes
    }
    return Buffer.buffer(bos.toByteArray());
  }
}

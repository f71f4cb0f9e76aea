package io.wplive.proxy.admin;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.wplive.proxy.cache.Purger;
import io.wplive.proxy.config.UpstreamOptions;
import io.wplive.proxy.proxy.ErrorCode;
import io.wplive.proxy.proxy.ProxyFailure;
import io.wplive.proxy.proxy.ProxyRuntime;
import io.wplive.proxy.proxy.RequestBodies;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/{upstream}} (SPEC §5): an upstream's change feed purges tags and paths.
 * Signed with HMAC-SHA256 over {@code "<timestamp>.<body>"} with the upstream's
 * {@code webhookSecret}; older than 5 minutes (either way) or a wrong signature → 401, nothing purged.
 */
public final class WebhookHandler {
  private static final Logger AUDIT = LoggerFactory.getLogger("wplp.audit");
  static final long MAX_SKEW_SECONDS = 300;

  private final Supplier<ProxyRuntime> runtime;
  private final Supplier<Purger> purger;

  public WebhookHandler(Supplier<ProxyRuntime> runtime, Supplier<Purger> purger) {
    this.runtime = runtime;
    this.purger = purger;
  }

  public void handle(HttpServerRequest req) {
    ProxyRuntime rt = runtime.get();
    String name = req.path().substring("/hooks/".length());
    UpstreamOptions up = rt.config().upstreams().get(name);
    if (up == null || up.webhookSecret() == null) {
      AdminHandler.error(req, ErrorCode.ROUTE_NOT_FOUND, "no such endpoint");
      return;
    }
    if (req.method() != HttpMethod.POST) {
      req.response().putHeader("Allow", "POST");
      AdminHandler.error(req, ErrorCode.METHOD_NOT_ALLOWED, "use POST");
      return;
    }
    String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
    RequestBodies.read(req, AdminHandler.MAX_BODY).onComplete(ar -> {
      if (ar.failed()) {
        AdminHandler.error(req, ErrorCode.PAYLOAD_TOO_LARGE, ar.cause().getMessage());
        return;
      }
      Buffer body = ar.result();
      String why = verify(up.webhookSecret(), req.headers().get("x-wplp-timestamp"), req.headers().get("x-wplp-signature"),
          body, rt.clock().millis() / 1000);
      if (why != null) {
        AUDIT.warn("webhook for {} from {} refused: {}", name, ip, why);
        AdminHandler.error(req, ErrorCode.UNAUTHORIZED, why);
        return;
      }
      JsonObject json;
      try {
        json = new JsonObject(body);
      } catch (RuntimeException e) {
        AdminHandler.error(req, ErrorCode.BAD_REQUEST, "body must be {\"tags\":[…],\"paths\":[…]}");
        return;
      }
      List<String> tags = strings(json.getValue("tags"));
      List<String> paths = strings(json.getValue("paths"));
      if (tags == null || paths == null || json.fieldNames().stream().anyMatch(k -> !k.equals("tags") && !k.equals("paths"))) {
        AdminHandler.error(req, ErrorCode.BAD_REQUEST, "body must be {\"tags\":[…],\"paths\":[…]} with string lists");
        return;
      }
      List<Future<Integer>> purges = new ArrayList<>();
      for (String t : tags) {
        purges.add(purger.get().tag(t, false));
      }
      for (String p : paths) {
        String prefix;
        try {
          prefix = AdminHandler.pathPrefix(rt, p);
        } catch (ProxyFailure f) {
          continue; // a path no route serves has nothing cached
        }
        purges.add(purger.get().keyPrefix(prefix, false));
      }
      Future.join(purges).onComplete(done -> {
        int n = purges.stream().mapToInt(f -> f.succeeded() ? f.result() : 0).sum();
        AUDIT.info("webhook for {} from {}: tags {} paths {} → {} entries", name, ip, tags, paths, n);
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("purged", n).encode());
      });
    });
  }

  /** @return why the request is refused, or {@code null} when it is signed and recent */
  static String verify(String secret, String timestamp, String signature, Buffer body, long nowSeconds) {
    if (timestamp == null || !timestamp.matches("\\d{1,12}")) {
      return "X-Wplp-Timestamp is missing or not unix seconds";
    }
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) >= MAX_SKEW_SECONDS) {
      return "X-Wplp-Timestamp is older than 5 minutes (or in the future)";
    }
    if (signature == null || !signature.startsWith("sha256=")) {
      return "X-Wplp-Signature is missing";
    }
    byte[] expected = hmac(secret, timestamp + "." + body.toString(StandardCharsets.UTF_8));
    byte[] given;
    try {
      given = HexFormat.of().parseHex(signature.substring(7).trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return "X-Wplp-Signature is not hex";
    }
    return MessageDigest.isEqual(expected, given) ? null : "X-Wplp-Signature does not match";
  }

  public static byte[] hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(Object v) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray a)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : a) {
      if (!(o instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out;
  }
}

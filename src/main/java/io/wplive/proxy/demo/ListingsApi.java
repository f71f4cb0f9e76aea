package io.wplive.proxy.demo;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A RESO Web API (OData 4) property-listings server: {@code GET /Property?$top=&$skip=&$filter=}
 * answers {@code {"@odata.context", "@odata.count", "value": [...], "@odata.nextLink"}}, and
 * {@code GET /Property('KEY')} (or the OData key-as-segment form {@code /Property/KEY}) answers one
 * listing. 200 ms per answer. Like the RESO servers WordPress real-estate sites use, it pages with
 * {@code $top} (default 10, at most 200, more is a 400) and {@code $skip}, and its {@code $filter}
 * understands the simple {@code Field eq 'text'} clauses a listings page sends, joined by {@code and}.
 */
final class ListingsApi extends DemoApi {
  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 200;
  static final String CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true";

  /** The text fields {@code $filter} may compare; numbers would need OData's typed literals. */
  private static final Set<String> FILTERABLE = Set.of("City", "StateOrProvince", "PostalCode", "StandardStatus", "ListingId");
  private static final Pattern EQ_CLAUSE = Pattern.compile("\\s*(\\w+)\\s+eq\\s+'((?:[^']|'')*)'\\s*");
  private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);
  private static final Pattern BY_KEY = Pattern.compile("/Property(?:\\('([^'/]+)'\\)|/([^/]+))");

  private final List<JsonObject> listings = DemoListingData.all();

  @Override
  String name() {
    return "listings";
  }

  @Override
  long latencyMs() {
    return 200;
  }

  @Override
  void serve(HttpServerRequest req, String rest) {
    String path;
    try {
      // clients and proxies may percent-encode the key syntax: Property%28%27X%27%29 is Property('X')
      path = URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      error(req, 400, "The path is not validly percent-encoded");
      return;
    }
    if (path.equals("/Property")) {
      search(req);
      return;
    }
    Matcher byKey = BY_KEY.matcher(path);
    if (byKey.matches()) {
      String key = byKey.group(1) != null ? byKey.group(1) : byKey.group(2);
      one(req, key);
      return;
    }
    error(req, 404, "No resource at " + path + "; this service has /Property and /Property('ListingKey')");
  }

  private void search(HttpServerRequest req) {
    Integer top = nonNegative(req.getParam("$top"), DEFAULT_TOP);
    Integer skip = nonNegative(req.getParam("$skip"), 0);
    if (top == null || skip == null) {
      error(req, 400, "$top and $skip must be whole numbers of 0 or more");
      return;
    }
    if (top > MAX_TOP) {
      error(req, 400, "$top may not exceed " + MAX_TOP);
      return;
    }
    String filter = req.getParam("$filter");
    Map<String, String> wanted = filter == null || filter.isBlank() ? Map.of() : parseFilter(filter);
    if (wanted == null) {
      error(req, 400, "$filter supports only Field eq 'text' clauses joined by and, on " + FILTERABLE);
      return;
    }
    List<JsonObject> matching = new ArrayList<>();
    for (JsonObject l : listings) {
      if (wanted.entrySet().stream().allMatch(w -> w.getValue().equals(l.getString(w.getKey())))) {
        matching.add(l);
      }
    }
    int from = Math.min(skip, matching.size());
    int to = Math.min(matching.size(), from + top);
    JsonObject body = new JsonObject()
        .put("@odata.context", serviceRoot(req) + "/$metadata#Property")
        .put("@odata.count", matching.size())
        .put("value", new JsonArray(new ArrayList<>(matching.subList(from, to))));
    if (to < matching.size()) {
      body.put("@odata.nextLink", serviceRoot(req) + "/Property?$top=" + top + "&$skip=" + to
          + (wanted.isEmpty() ? "" : "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")));
    }
    json(req, 200, body);
  }

  private void one(HttpServerRequest req, String key) {
    for (JsonObject l : listings) {
      if (l.getString("ListingKey").equals(key)) {
        JsonObject entity = new JsonObject().put("@odata.context", serviceRoot(req) + "/$metadata#Property/$entity");
        entity.mergeIn(l);
        json(req, 200, entity);
        return;
      }
    }
    error(req, 404, "No Property with ListingKey '" + key + "'");
  }

  /** {@code Field eq 'text' [and …]} as field → text, or {@code null} for anything else. */
  static Map<String, String> parseFilter(String filter) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String clause : AND.split(filter.trim())) {
      Matcher m = EQ_CLAUSE.matcher(clause);
      if (!m.matches() || !FILTERABLE.contains(m.group(1))) {
        return null;
      }
      out.put(m.group(1), m.group(2).replace("''", "'"));
    }
    return out;
  }

  private static Integer nonNegative(String text, int def) {
    if (text == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(text.trim());
      return n < 0 ? null : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Absolute, as OData links are, and built from the Host the caller used so the links work for it. */
  private String serviceRoot(HttpServerRequest req) {
    HostAndPort authority = req.authority();
    return "http://" + (authority == null ? "127.0.0.1" : authority.toString()) + "/" + name();
  }

  private static void json(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("OData-Version", "4.0")
        .end(body.encode());
  }

  /** The OData error shape: {@code {"error": {"code", "message"}}}. */
  private static void error(HttpServerRequest req, int status, String message) {
    json(req, status, new JsonObject().put("error",
        new JsonObject().put("code", Integer.toString(status)).put("message", message)));
  }
}

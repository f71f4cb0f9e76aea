package io.wplive.proxy.demo;

import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * A supplier's XML product and stock feed: {@code GET /feed.xml} ({@code application/xml}), 120 ms per
 * answer, the whole catalogue in one document as such feeds are (see {@link DemoXmlFeedData}).
 */
final class XmlFeedApi extends DemoApi {
  static final String CONTENT_TYPE = "application/xml; charset=utf-8";

  private final Clock clock;

  XmlFeedApi(Clock clock) {
    this.clock = clock;
  }

  @Override
  String name() {
    return "xml";
  }

  @Override
  long latencyMs() {
    return 120;
  }

  @Override
  void serve(HttpServerRequest req, String rest) {
    if (!rest.equals("/feed.xml")) {
      req.response().setStatusCode(404).putHeader("Content-Type", CONTENT_TYPE)
          .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>Not found: the feed is at /xml/feed.xml</error>\n");
      return;
    }
    req.response().putHeader("Content-Type", CONTENT_TYPE).end(DemoXmlFeedData.feed(clock.instant()));
  }
}

package io.wplive.proxy.demo;

import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;

/**
 * A booking system's iCalendar export: {@code GET /bookings.ics} ({@code text/calendar}), 100 ms per
 * answer. The events move with the demo clock (see {@link DemoCalendarData}), so the proxy's
 * recurrence window always has something to show, on any day the demo runs.
 */
final class CalendarApi extends DemoApi {
  static final String CONTENT_TYPE = "text/calendar; charset=utf-8";

  private final Clock clock;

  CalendarApi(Clock clock) {
    this.clock = clock;
  }

  @Override
  String name() {
    return "calendar";
  }

  @Override
  long latencyMs() {
    return 100;
  }

  @Override
  void serve(HttpServerRequest req, String rest) {
    if (!rest.equals("/bookings.ics")) {
      req.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("Not found: this calendar is at /calendar/bookings.ics\n");
      return;
    }
    req.response()
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Content-Disposition", "inline; filename=\"bookings.ics\"")
        .end(DemoCalendarData.bookings(clock.instant()));
  }
}

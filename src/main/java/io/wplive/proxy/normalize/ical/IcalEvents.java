package io.wplive.proxy.normalize.ical;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * The events of a feed inside the window, and what could not be read.
 *
 * @param events one object per occurrence: {@code uid, summary, description, location, start, end,
 *     allDay, status, url}, sorted by start
 * @param problems events or zones that were skipped or approximated, naming the event by its position in
 *     the feed, never quoting its content
 */
public record IcalEvents(ArrayNode events, List<String> problems) {
  public IcalEvents {
    problems = List.copyOf(problems);
  }
}

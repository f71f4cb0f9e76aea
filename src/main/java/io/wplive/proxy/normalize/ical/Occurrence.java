package io.wplive.proxy.normalize.ical;

import java.time.Instant;

/**
 * One occurrence of an event, as the envelope shows it.
 *
 * @param sortKey the start instant (midnight UTC for all-day occurrences)
 * @param start {@code YYYY-MM-DDTHH:MM:SSZ}, or {@code YYYY-MM-DD} when all-day
 * @param end likewise; exclusive for all-day occurrences
 */
record Occurrence(EventSource event, Instant sortKey, String start, String end, boolean allDay) {
}

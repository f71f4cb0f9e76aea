package io.wplive.proxy.normalize.ical;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The zone an event's wall-clock times belong to. Recurrences are expanded on the wall clock (RFC 5545:
 * a weekly 10:00 meeting stays at 10:00 across a DST change) and only then turned into instants.
 */
sealed interface EventZone {
  EventZone UTC = new Named(ZoneOffset.UTC);

  /** The date-time recurrence rules are expanded from. */
  ZonedDateTime seed(LocalDateTime wallClock);

  /** The instant of a date-time produced from {@link #seed}. */
  Instant toInstant(ZonedDateTime fromSeed);

  /** A zone java.time knows (IANA name, UTC, fixed offset). */
  record Named(ZoneId zone) implements EventZone {
    @Override
    public ZonedDateTime seed(LocalDateTime wallClock) {
      return wallClock.atZone(zone);
    }

    @Override
    public Instant toInstant(ZonedDateTime fromSeed) {
      return fromSeed.toInstant();
    }
  }

  /**
   * A zone known only from the feed's own VTIMEZONE (Outlook's "W. Europe Standard Time"). java.time
   * cannot name such rules without a global provider, so expansion runs on a floating UTC wall clock and
   * each result is placed with the rules afterwards.
   */
  record Defined(ZoneRules rules) implements EventZone {
    @Override
    public ZonedDateTime seed(LocalDateTime wallClock) {
      return wallClock.atZone(ZoneOffset.UTC);
    }

    @Override
    public Instant toInstant(ZonedDateTime fromSeed) {
      LocalDateTime wall = fromSeed.toLocalDateTime();
      List<ZoneOffset> valid = rules.getValidOffsets(wall);
      if (valid.size() == 1) {
        return wall.toInstant(valid.get(0));
      }
      if (valid.isEmpty()) {
        // in a spring-forward gap: move forward by the gap, as ZonedDateTime.ofLocal does
        ZoneOffsetTransition gap = rules.getTransition(wall);
        return wall.plusSeconds(gap.getDuration().getSeconds()).toInstant(gap.getOffsetAfter());
      }
      // in an autumn overlap: the earlier of the two instants, as ZonedDateTime.ofLocal does
      return wall.toInstant(valid.get(0));
    }
  }
}

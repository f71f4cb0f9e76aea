package io.wplive.proxy.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The real clock shifted by an offset a test can move forward, so entries age without sleeping. */
public final class MutableClock extends Clock {
  private final AtomicLong offsetMs = new AtomicLong();

  public void advance(long ms) {
    offsetMs.addAndGet(ms);
  }

  public void advanceSeconds(long s) {
    advance(s * 1000);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis() + offsetMs.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("tests use UTC");
  }
}

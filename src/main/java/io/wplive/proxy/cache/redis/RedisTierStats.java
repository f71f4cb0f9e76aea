package io.wplive.proxy.cache.redis;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of one {@link RedisTier}, for metrics. A {@code null} from {@code get()} is
 * either a miss or an error; these counters tell them apart
 * ({@code wplp_cache_lookups_total{tier="redis",result=hit|miss|error}}).
 */
public final class RedisTierStats {
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder lookupErrors = new LongAdder();
  final LongAdder writeErrors = new LongAdder();
  final LongAdder skippedWhileDown = new LongAdder();

  /** Lookups that found a valid entry for the exact key. */
  public long hits() { return hits.sum(); }

  /** Lookups that found nothing, an expired entry, or a value that is not an entry of this key (corrupt, other format, hash collision). */
  public long misses() { return misses.sum(); }

  /** Lookups that failed or took longer than {@code commandTimeout}, including those skipped while Redis was down. */
  public long lookupErrors() { return lookupErrors.sum(); }

  /** Writes and purges that failed or timed out (dropped; the caller saw success). */
  public long writeErrors() { return writeErrors.sum(); }

  /** Operations of any kind not sent at all because Redis was down. */
  public long skippedWhileDown() { return skippedWhileDown.sum(); }
}

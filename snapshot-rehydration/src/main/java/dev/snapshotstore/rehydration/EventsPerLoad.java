package dev.snapshotstore.rehydration;

import java.util.Locale;

import dev.snapshotstore.rehydration.internal.CountHistogram;

/**
 * How many events the loads of one aggregate type replayed (or how far their streams reached), as a
 * distribution: what to measure before deciding on snapshots. Read from {@link
 * RehydrationCounters#eventsReplayed(String)} and {@link RehydrationCounters#streamLengths(String)}; an immutable
 * copy of the counts at the time it was read.
 *
 * <p>Percentiles are exact up to 63 events; above, each is the upper end of a bucket that spans at most 1/32 of its
 * values (so a reported 4,031 means between 3,968 and 4,031), and never above the largest count recorded.
 */
public final class EventsPerLoad {

  private final long[] counts;
  private final long loads;
  private final long sum;
  private final long max;

  EventsPerLoad(CountHistogram.Snapshot snapshot) {
    this.counts = snapshot.counts();
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    this.loads = total;
    this.sum = snapshot.sum();
    this.max = snapshot.max();
  }

  /** How many loads were recorded. */
  public long loads() {
    return loads;
  }

  /** The largest count recorded; 0 when there were no loads. */
  public long max() {
    return max;
  }

  /** The mean count per load; 0 when there were no loads. */
  public double mean() {
    return loads == 0 ? 0 : (double) sum / loads;
  }

  /**
   * The count that {@code percent} percent of loads stayed at or below ({@code percentile(95)} is the p95, by
   * nearest rank); 0 when there were no loads.
   *
   * @param percent more than 0, at most 100
   */
  public long percentile(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be > 0 and <= 100 but was " + percent);
    }
    if (loads == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percent / 100 * loads);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(CountHistogram.upperBound(i), max);
      }
    }
    return max;
  }

  @Override
  public String toString() {
    if (loads == 0) {
      return "EventsPerLoad[no loads]";
    }
    return String.format(Locale.ROOT, "EventsPerLoad[loads=%d, mean=%.1f, p50=%d, p95=%d, p99=%d, max=%d]", loads,
        mean(), percentile(50), percentile(95), percentile(99), max);
  }
}

package dev.snapshotstore.rehydration.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A concurrent histogram of non-negative counts (events per load) in fixed memory: counts below 64 each have a
 * bucket of their own; above, every power of two is split into 32 buckets, so a bucket spans at most 1/32 of its
 * values. Recording is one atomic increment; reading copies the buckets.
 */
public final class CountHistogram {

  static final int EXACT = 64;
  private static final int SUB_BUCKET_BITS = 5;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  /** Exponents 6 (64..127) to 62 (up to Long.MAX_VALUE), each split into SUB_BUCKETS. */
  static final int BUCKETS = EXACT + (63 - 6) * SUB_BUCKETS;

  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
  private final LongAdder sum = new LongAdder();
  private final LongAccumulator max = new LongAccumulator(Math::max, 0);

  public void record(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0 but was " + value);
    }
    buckets.incrementAndGet(index(value));
    sum.add(value);
    max.accumulate(value);
  }

  /** The counts per bucket, the sum and the maximum, as of now (concurrent records may be half-visible). */
  public Snapshot snapshot() {
    long[] counts = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] = buckets.get(i);
    }
    return new Snapshot(counts, sum.sum(), max.get());
  }

  /** What {@link #snapshot()} read. */
  public record Snapshot(long[] counts, long sum, long max) {}

  static int index(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int sub = (int) (value >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return EXACT + (exponent - 6) * SUB_BUCKETS + sub;
  }

  /** The highest value that falls into bucket {@code index}. */
  public static long upperBound(int index) {
    if (index < EXACT) {
      return index;
    }
    int exponent = 6 + (index - EXACT) / SUB_BUCKETS;
    long sub = (index - EXACT) % SUB_BUCKETS;
    long width = 1L << (exponent - SUB_BUCKET_BITS);
    long lower = (SUB_BUCKETS + sub) * width;
    return lower + (width - 1);
  }
}

package dev.snapshotstore.rehydration.internal;

import java.util.function.LongSupplier;

/**
 * Spaces permits at least {@code 1 / ratePerSecond} apart, without bursts: a caller that comes too early
 * waits for its slot.
 */
public final class RatePacer {

  /** Waits the given nanoseconds; returns false when the waiter should give up instead (shutting down). */
  @FunctionalInterface
  public interface Sleeper {
    boolean sleep(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier ticker;
  private final Sleeper sleeper;
  private long nextSlot = Long.MIN_VALUE;

  public RatePacer(double ratePerSecond, LongSupplier ticker, Sleeper sleeper) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("maxSnapshotsPerSecond must be a positive number but was " + ratePerSecond);
    }
    this.intervalNanos = Math.max(1, (long) (1_000_000_000L / ratePerSecond));
    this.ticker = ticker;
    this.sleeper = sleeper;
  }

  /** Waits for the next permit; false if the sleeper gave up or the thread was interrupted. */
  public boolean acquire() {
    long now = ticker.getAsLong();
    long wait;
    synchronized (this) {
      long slot = nextSlot == Long.MIN_VALUE ? now : Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait <= 0) {
      return true;
    }
    try {
      return sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

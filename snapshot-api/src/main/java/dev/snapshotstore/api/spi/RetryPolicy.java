package dev.snapshotstore.api.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a store runs an operation again after a transient failure (a deadlock victim, a serialization
 * failure, a dropped connection), and how long it waits in between: exponential backoff from
 * {@code backoff}, with full jitter so that colliding writers spread out, capped at one second. Every store
 * operation is idempotent (a save replaces, a delete of something absent is no error), so running one again
 * is always safe.
 *
 * @param retries how many times to run again after the first failure; {@code 0} for never
 * @param backoff the base delay before the first retry
 */
public record RetryPolicy(int retries, Duration backoff) {

  /** Two retries from a 50 ms base: rides out a deadlock or a failover blip without stretching an outage. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(2, Duration.ofMillis(50));

  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO);

  private static final long MAX_DELAY_NANOS = Duration.ofSeconds(1).toNanos();

  public RetryPolicy {
    Arguments.checkNotNegative(retries, "retries");
    Arguments.checkNotNull(backoff, "retryBackoff");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("retryBackoff must be >= 0 but was " + backoff);
    }
  }

  /** The jittered delay before retry number {@code retry} (1 for the first). */
  public Duration delayBefore(int retry) {
    long base = backoff.toNanos();
    if (base == 0) {
      return Duration.ZERO;
    }
    long ceiling = Math.min(MAX_DELAY_NANOS, base << Math.min(20, Math.max(0, retry - 1)));
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }
}

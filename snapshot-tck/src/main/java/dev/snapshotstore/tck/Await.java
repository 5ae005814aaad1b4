package dev.snapshotstore.tck;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Waiting with a deadline, for tests and test infrastructure. A test that needs something to happen on another
 * thread or in a server waits for that event here, never with a fixed sleep and never without an end: every
 * wait fails with an {@link AssertionError} that says what it waited for, for how long, and what it last saw.
 *
 * <pre>{@code
 * Await.until("the save to wait for the stream's lock", Duration.ofSeconds(10), () -> waitingLocks() > 0);
 * Snapshot latest = Await.succeeds("the store to recover after the outage", Duration.ofSeconds(30),
 *     SnapshotStoreException.class, () -> store.loadLatest(type, id).orElseThrow());
 * }</pre>
 *
 * <p>Polling starts after 1 ms and backs off to one probe every 100 ms, so a fast event costs little and a
 * slow one does not load the machine. An interrupt ends the wait with an {@link AssertionError} and keeps the
 * thread's interrupt flag set.
 */
public final class Await {

  private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Await() {}

  /**
   * Waits until {@code condition} holds.
   *
   * @param what what is awaited, as the failure message should name it ("the cluster to report cluster_state:ok")
   * @throws AssertionError if it does not hold within {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    poll(what, timeout, condition::getAsBoolean, Boolean::booleanValue, value -> "");
  }

  /**
   * Probes until a value is accepted and returns that value; the failure message names the last value probed.
   *
   * @throws AssertionError if no probed value is accepted within {@code timeout}
   */
  public static <T> T until(String what, Duration timeout, Supplier<? extends T> probe,
      Predicate<? super T> accepted) {
    return poll(what, timeout, probe, accepted, value -> "; last observed: " + value);
  }

  private static <T> T poll(String what, Duration timeout, Supplier<? extends T> probe,
      Predicate<? super T> accepted, Function<? super T, String> lastSeen) {
    checkArguments(what, timeout);
    long started = System.nanoTime();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      T value = probe.get();
      if (accepted.test(value)) {
        return value;
      }
      pause = pauseOrFail(what, timeout, started, pause, () -> lastSeen.apply(value), null);
    }
  }

  /**
   * Calls {@code attempt} until it returns without throwing a {@code retryOn} exception, and returns its result;
   * any other exception ends the wait at once. The failure's cause is the last exception {@code attempt} threw.
   *
   * @throws AssertionError if every attempt within {@code timeout} threw a {@code retryOn} exception
   */
  public static <T> T succeeds(String what, Duration timeout, Class<? extends RuntimeException> retryOn,
      Supplier<? extends T> attempt) {
    checkArguments(what, timeout);
    if (retryOn == null) {
      throw new IllegalArgumentException("retryOn must not be null");
    }
    long started = System.nanoTime();
    long pause = FIRST_PAUSE_NANOS;
    while (true) {
      RuntimeException failure;
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        if (!retryOn.isInstance(e)) {
          throw e;
        }
        failure = e;
      }
      RuntimeException last = failure;
      pause = pauseOrFail(what, timeout, started, pause, () -> "; last failure: " + last, last);
    }
  }

  /**
   * Waits until {@code latch} reaches zero.
   *
   * @throws AssertionError if it does not within {@code timeout}, naming the count left
   */
  public static void latch(String what, Duration timeout, CountDownLatch latch) {
    checkArguments(what, timeout);
    try {
      if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError("waited " + describe(timeout) + " for " + what + "; the latch still counts "
            + latch.getCount());
      }
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
  }

  /**
   * Waits for {@code future} and returns its result.
   *
   * @throws AssertionError if it is not done within {@code timeout} (it is not cancelled), or if it failed,
   *     with its failure as the cause
   */
  public static <T> T result(String what, Duration timeout, Future<T> future) {
    checkArguments(what, timeout);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("waited " + describe(timeout) + " for " + what + "; it has not finished", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new AssertionError(what + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
  }

  /** Sleeps the next pause, cut to the time left, or fails once the deadline has passed; returns the next pause. */
  private static long pauseOrFail(String what, Duration timeout, long started, long pause,
      Supplier<String> lastSeen, @Nullable Throwable cause) {
    long left = timeout.toNanos() - (System.nanoTime() - started);
    if (left <= 0) {
      throw new AssertionError("waited " + describe(timeout) + " for " + what + lastSeen.get(), cause);
    }
    try {
      TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
    } catch (InterruptedException e) {
      throw interrupted(what, e);
    }
    return Math.min(pause * 2, LONGEST_PAUSE_NANOS);
  }

  private static AssertionError interrupted(String what, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new AssertionError("interrupted while waiting for " + what, e);
  }

  private static void checkArguments(String what, Duration timeout) {
    if (what == null || what.isBlank()) {
      throw new IllegalArgumentException("what must name what is awaited");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
  }

  /** "30 s", "1.5 s", "200 ms". */
  static String describe(Duration timeout) {
    long millis = timeout.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    return (millis % 1_000 == 0 ? Long.toString(millis / 1_000) : Double.toString(millis / 1_000.0)) + " s";
  }
}

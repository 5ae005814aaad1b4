package dev.snapshotstore.sqlserver.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.snapshotstore.api.SnapshotStoreException;

/**
 * Runs one store operation, retrying the failures a retry can cure: a deadlock victim (1205) up to the
 * configured number of retries, and a key violation (2627/2601) once, since MERGE ... WITH (HOLDLOCK) should
 * make it impossible. Everything else is translated at once. Every operation the store runs is idempotent, so
 * running it again is safe.
 */
public final class RetryPolicy {

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Backoff {
    void pause(int failedAttempts) throws InterruptedException;
  }

  /** A short, jittered, growing pause so that two deadlocked writers do not collide again at once. */
  public static final Backoff JITTERED = failedAttempts ->
      Thread.sleep(Math.min(200, 10L * failedAttempts) + ThreadLocalRandom.current().nextLong(10));

  private final int deadlockRetries;
  private final Backoff backoff;

  public RetryPolicy(int deadlockRetries, Backoff backoff) {
    if (deadlockRetries < 0) {
      throw new IllegalArgumentException("deadlockRetries must be >= 0 but was " + deadlockRetries);
    }
    this.deadlockRetries = deadlockRetries;
    this.backoff = backoff;
  }

  public int deadlockRetries() {
    return deadlockRetries;
  }

  public <T> T run(String operation, Supplier<T> attempt) {
    int deadlocks = 0;
    int keyViolations = 0;
    while (true) {
      try {
        return attempt.get();
      } catch (RuntimeException failure) {
        if (failure instanceof SnapshotStoreException || failure instanceof IllegalArgumentException) {
          throw failure;
        }
        SqlServerErrors.Kind kind = SqlServerErrors.classify(failure);
        if (kind == SqlServerErrors.Kind.DEADLOCK) {
          deadlocks++;
          if (deadlocks > deadlockRetries) {
            throw new SnapshotStoreException(SqlServerErrors.BACKEND + " chose " + operation
                + " as deadlock victim (error 1205) in " + deadlocks + " attempts in a row; giving up"
                + " (option deadlockRetries=" + deadlockRetries + ")", failure);
          }
        } else if (kind == SqlServerErrors.Kind.KEY_VIOLATION) {
          keyViolations++;
          if (keyViolations > 1) {
            throw new SnapshotStoreException(SqlServerErrors.BACKEND + " " + operation
                + " hit a key violation (error " + SqlServerErrors.errorNumber(failure)
                + ") twice although it upserts under HOLDLOCK: " + SqlServerErrors.describe(failure), failure);
          }
        } else {
          throw SqlServerErrors.translate(operation, failure);
        }
        pause(operation, deadlocks + keyViolations, failure);
      }
    }
  }

  private void pause(String operation, int failedAttempts, RuntimeException failure) {
    try {
      backoff.pause(failedAttempts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      SnapshotStoreException interrupted =
          new SnapshotStoreException(SqlServerErrors.BACKEND + " " + operation + " interrupted while retrying", e);
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }
}

package dev.snapshotstore.sqlserver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.SnapshotStoreException;

/** The retry policy as a pure function: scripted failures in, attempts and exceptions out. */
class RetryPolicyTest {

  private final List<Integer> pauses = new ArrayList<>();
  private final RetryPolicy.Backoff recording = pauses::add;

  private static RuntimeException deadlock() {
    return new UnableToExecuteStatementException(new SQLException(
        "Transaction (Process ID 61) was deadlocked ... chosen as the deadlock victim.", "40001", 1205), null);
  }

  private static RuntimeException keyViolation() {
    return new UnableToExecuteStatementException(new SQLException("Violation of PRIMARY KEY constraint", "23000",
        2627), null);
  }

  @Test
  void aSaveThatDeadlocksTwiceThenSucceedsIsRetried() {
    AtomicInteger attempts = new AtomicInteger();
    String result = new RetryPolicy(5, recording).run("save", () -> {
      if (attempts.incrementAndGet() <= 2) {
        throw deadlock();
      }
      return "saved";
    });
    assertThat(result).isEqualTo("saved");
    assertThat(attempts).hasValue(3);
    assertThat(pauses).containsExactly(1, 2);
  }

  @Test
  void aSaveThatAlwaysDeadlocksFailsAfterTheConfiguredAttempts() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> new RetryPolicy(3, recording).run("save of Order/1@3", () -> {
      attempts.incrementAndGet();
      throw deadlock();
    }))
        .isExactlyInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("SQL Server chose save of Order/1@3 as deadlock victim (error 1205) in 4 attempts")
        .hasMessageContaining("deadlockRetries=3")
        .hasCauseInstanceOf(UnableToExecuteStatementException.class);
    assertThat(attempts).hasValue(4);
    assertThat(pauses).containsExactly(1, 2, 3);
  }

  @Test
  void zeroRetriesMeansOneAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> new RetryPolicy(0, recording).run("save", () -> {
      attempts.incrementAndGet();
      throw deadlock();
    })).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("in 1 attempts");
    assertThat(attempts).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void aKeyViolationIsRetriedOnceThenFails() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> new RetryPolicy(5, recording).run("save", () -> {
      attempts.incrementAndGet();
      throw keyViolation();
    })).isExactlyInstanceOf(SnapshotStoreException.class)
        .hasMessageContaining("key violation (error 2627) twice");
    assertThat(attempts).hasValue(2);

    AtomicInteger second = new AtomicInteger();
    assertThat(new RetryPolicy(5, recording).run("save", () -> {
      if (second.incrementAndGet() == 1) {
        throw keyViolation();
      }
      return 1;
    })).isEqualTo(1);
  }

  @Test
  void unavailableIsNotRetriedAndNamesSqlServer() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> new RetryPolicy(5, recording).run("loadLatest", () -> {
      attempts.incrementAndGet();
      throw new UnableToExecuteStatementException(new SQLException("Connection reset", "08S01", 0), null);
    })).isInstanceOf(BackendUnavailableException.class).hasMessageStartingWith("SQL Server unavailable: loadLatest");
    assertThat(attempts).hasValue(1);
    assertThat(pauses).isEmpty();
  }

  @Test
  void otherFailuresAndTheStoresOwnExceptionsPassAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    CorruptSnapshotException corrupt = new CorruptSnapshotException("t", "i", 1, "bad");
    assertThatThrownBy(() -> new RetryPolicy(5, recording).run("history", () -> {
      attempts.incrementAndGet();
      throw corrupt;
    })).isSameAs(corrupt);
    assertThatThrownBy(() -> new RetryPolicy(5, recording).run("stats", () -> {
      attempts.incrementAndGet();
      throw new UnableToExecuteStatementException(new SQLException("Invalid column name 'x'.", "S0001", 207), null);
    })).isExactlyInstanceOf(SnapshotStoreException.class).hasMessageStartingWith("SQL Server stats failed");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void anInterruptedBackoffStopsRetryingAndKeepsTheInterrupt() {
    RetryPolicy interrupted = new RetryPolicy(5, failed -> {
      throw new InterruptedException();
    });
    try {
      assertThatThrownBy(() -> interrupted.run("save", () -> {
        throw deadlock();
      })).isInstanceOf(SnapshotStoreException.class).hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void negativeRetriesAreRejected() {
    assertThatThrownBy(() -> new RetryPolicy(-1, recording)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deadlockRetries");
  }
}

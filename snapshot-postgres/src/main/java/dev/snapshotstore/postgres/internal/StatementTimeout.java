package dev.snapshotstore.postgres.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * How the store bounds each statement by its {@code operationTimeout}.
 *
 * <p>On a pool the store opens itself, the server does it: every connection starts with
 * {@code statement_timeout} in its startup options ({@link #startupOption}), so a call costs nothing extra. On a
 * caller's pool, whose sessions the store must leave as it found them, the driver does it
 * ({@code setQueryTimeout}, whole seconds, rounded up).
 */
public final class StatementTimeout {

  private final int driverSeconds;

  private StatementTimeout(int driverSeconds) {
    this.driverSeconds = driverSeconds;
  }

  /** The server enforces it; {@link #startupOption} says how the store's own connections ask for it. */
  public static StatementTimeout byServer() {
    return new StatementTimeout(0);
  }

  /** The driver enforces it on each statement, in whole seconds. */
  public static StatementTimeout byDriver(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("seconds must be >= 1 but was " + seconds);
    }
    return new StatementTimeout(seconds);
  }

  /** The startup option that sets {@code statement_timeout} for a whole session, in milliseconds (at least 1). */
  public static String startupOption(Duration timeout) {
    return "-c statement_timeout=" + Math.max(1, timeout.toMillis());
  }

  public void apply(Statement statement) throws SQLException {
    if (driverSeconds > 0) {
      statement.setQueryTimeout(driverSeconds);
    }
  }

  @Override
  public String toString() {
    return driverSeconds > 0 ? "setQueryTimeout(" + driverSeconds + ")" : "statement_timeout";
  }
}

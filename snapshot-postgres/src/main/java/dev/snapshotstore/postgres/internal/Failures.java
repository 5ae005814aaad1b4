package dev.snapshotstore.postgres.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotStoreException;

/** Turns what Jdbi, HikariCP and the driver throw into the store's exceptions. */
public final class Failures {

  public static final String BACKEND = "PostgreSQL";

  /** Server gone, shutting down, starting up, out of connections, or the statement hit its timeout. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57014", "53300");

  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

  private Failures() {}

  public static SnapshotStoreException translate(Throwable failure, String operation) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SnapshotStoreException known) {
        return known;
      }
    }
    String detail = describe(failure);
    if (isUnavailable(failure)) {
      return new BackendUnavailableException(BACKEND, operation + " failed: " + detail, failure);
    }
    return new SnapshotStoreException(BACKEND + " " + operation + " failed: " + detail, failure);
  }

  /** A serialization failure or deadlock: the whole statement rolled back and may simply run again. */
  public static boolean isRetryable(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    return sql != null && sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState());
  }

  static boolean isUnavailable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException
          || cause instanceof SQLTimeoutException
          || cause instanceof IOException
          || cause.getClass().getName().equals("com.zaxxer.hikari.pool.HikariPool$PoolInitializationException")) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable SQLException firstSqlException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  /** The driver's own words (with SQLSTATE) rather than Jdbi's wrapper, which repeats the whole statement. */
  private static String describe(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    Throwable source = sql != null ? sql : failure;
    String message = source.getMessage() == null ? source.getClass().getSimpleName() : source.getMessage();
    Throwable cause = source.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += " (" + cause.getMessage() + ")";
    }
    return sql != null && sql.getSQLState() != null ? message + " [SQLSTATE " + sql.getSQLState() + "]" : message;
  }
}

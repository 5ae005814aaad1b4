package dev.snapshotstore.postgres.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.FailureTranslator;

/**
 * What HikariCP's and the driver's failures mean: the one place that knows SQLSTATEs. Messages carry the driver's
 * own words and the SQLSTATE, never the statement (which Jdbi and others would repeat) and never a credential:
 * the store never puts one in a URL, and the server's messages name the user at most.
 */
public enum Failures implements FailureTranslator {
  INSTANCE;

  public static final String BACKEND = "PostgreSQL";

  /** Server shutting down or starting, out of connections, or the statement hit its timeout. */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57014", "53300");

  /** Deadlock victim or serialization failure: the statement rolled back whole and may simply run again. */
  private static final Set<String> ROLLED_BACK_STATES = Set.of("40001", "40P01");

  /** The server is going away or not yet there (the connection itself is class 08); a new connection may work. */
  private static final Set<String> RESTARTING_STATES = Set.of("57P01", "57P02", "57P03");

  /**
   * Login refused (class 28: wrong password, unknown role, no pg_hba entry), a database that does not exist,
   * or a right the user lacks: running again cannot help, and the fix is in the configuration.
   */
  private static final Set<String> CONFIGURATION_STATES = Set.of("3D000", "42501");

  @Override
  public boolean isTransient(Throwable failure) {
    if (isConfiguration(failure)) {
      return false;
    }
    // A timeout is not retried: the call has already used its time, and a retry would multiply the bound.
    if (isTimeout(failure)) {
      return false;
    }
    String state = sqlState(failure);
    if (state != null && (ROLLED_BACK_STATES.contains(state) || RESTARTING_STATES.contains(state)
        || state.startsWith("08"))) {
      return true;
    }
    return isConnectionLoss(failure);
  }

  @Override
  public SnapshotStoreException translate(String operation, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SnapshotStoreException known) {
        return known;
      }
    }
    String detail = describe(failure);
    if (isConfiguration(failure)) {
      return new SnapshotConfigurationException(BACKEND + " refused " + operation + ": " + detail
          + "; check the user, password, database and grants the store is configured with", failure);
    }
    if (isUnavailable(failure)) {
      return new BackendUnavailableException(BACKEND, operation + " failed: " + detail, failure);
    }
    return new SnapshotStoreException(BACKEND + " " + operation + " failed: " + detail, failure);
  }

  static boolean isConfiguration(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("28") || CONFIGURATION_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  static boolean isUnavailable(Throwable failure) {
    if (isTimeout(failure) || isConnectionLoss(failure)) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A statement cancelled by its timeout, a read or connect that timed out, or no connection from the pool in
   * time (HikariCP's SQLTransientConnectionException; pgjdbc never throws that class).
   */
  private static boolean isTimeout(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTimeoutException
          || cause instanceof SQLTransientConnectionException
          || cause instanceof InterruptedIOException
          || cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionLoss(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException
          || cause instanceof SQLNonTransientConnectionException
          || cause instanceof SQLRecoverableException
          || cause instanceof IOException
          || cause.getClass().getName().equals("com.zaxxer.hikari.pool.HikariPool$PoolInitializationException")) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String sqlState(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  private static @Nullable SQLException firstSqlException(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  /** The driver's own words with the SQLSTATE, and the cause's words when they add something. */
  private static String describe(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    Throwable source = sql != null ? sql : failure;
    String message = source.getMessage() == null ? source.getClass().getSimpleName() : source.getMessage();
    Throwable cause = source.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message += " (" + cause.getMessage() + ")";
    }
    String state = sqlState(failure);
    return state != null ? message + " [SQLSTATE " + state + "]" : message;
  }
}

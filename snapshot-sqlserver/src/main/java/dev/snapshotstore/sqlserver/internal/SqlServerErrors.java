package dev.snapshotstore.sqlserver.internal;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotStoreException;

/** Maps what SQL Server and its driver report onto the store's exception hierarchy. */
public final class SqlServerErrors {

  public static final String BACKEND = "SQL Server";

  public static final int DEADLOCK_VICTIM = 1205;
  public static final int PRIMARY_KEY_VIOLATION = 2627;
  public static final int UNIQUE_INDEX_VIOLATION = 2601;
  public static final int LOGIN_FAILED = 18456;
  public static final int OBJECT_EXISTS = 2714;

  /**
   * Errors that mean "the server is not there for us right now": cannot open database (4060), Azure SQL's
   * database unavailable / reconfiguring / service busy / resource limits (40613, 40197, 40501, 10928, 10929),
   * transport errors (233, 10053, 10054, 10060, 64).
   */
  private static final Set<Integer> UNAVAILABLE_CODES =
      Set.of(LOGIN_FAILED, 4060, 40613, 40197, 40501, 10928, 10929, 233, 10053, 10054, 10060, 64);

  /** What a failure means for the caller. */
  public enum Kind {
    DEADLOCK,
    KEY_VIOLATION,
    UNAVAILABLE,
    OTHER
  }

  private SqlServerErrors() {}

  /** The kind of the first SQL or network failure found in the chain (causes and next-exceptions). */
  public static Kind classify(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable current = pending.poll();
      if (!seen.add(current)) {
        continue;
      }
      Kind kind = kindOf(current);
      if (kind != Kind.OTHER) {
        return kind;
      }
      if (current instanceof SQLException sql && sql.getNextException() != null) {
        pending.add(sql.getNextException());
      }
      if (current.getCause() != null) {
        pending.add(current.getCause());
      }
    }
    return Kind.OTHER;
  }

  private static Kind kindOf(Throwable failure) {
    if (failure instanceof SQLException sql) {
      int code = sql.getErrorCode();
      String state = sql.getSQLState();
      if (code == DEADLOCK_VICTIM) {
        return Kind.DEADLOCK;
      }
      if (code == PRIMARY_KEY_VIOLATION || code == UNIQUE_INDEX_VIOLATION) {
        return Kind.KEY_VIOLATION;
      }
      if (UNAVAILABLE_CODES.contains(code)
          || sql instanceof SQLTimeoutException
          || sql instanceof SQLTransientConnectionException
          || sql instanceof SQLNonTransientConnectionException
          || (state != null && (state.startsWith("08") || state.equals("HY008") || state.startsWith("HYT")))) {
        return Kind.UNAVAILABLE;
      }
      return Kind.OTHER;
    }
    if (failure instanceof SocketException || failure instanceof SocketTimeoutException
        || failure instanceof ConnectException || failure instanceof UnknownHostException) {
      return Kind.UNAVAILABLE;
    }
    return Kind.OTHER;
  }

  /** The SQL Server error number in the chain that {@link #classify} would look at, or 0. */
  public static int errorNumber(Throwable failure) {
    for (Throwable current = failure; current != null; current = current.getCause()) {
      if (current instanceof SQLException sql && sql.getErrorCode() != 0) {
        return sql.getErrorCode();
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return 0;
  }

  /**
   * The exception to throw for a failure that will not be retried: {@link BackendUnavailableException} when
   * the server cannot be reached, answered too late or refused the login, otherwise a
   * {@link SnapshotStoreException}; both name SQL Server and the operation.
   */
  public static SnapshotStoreException translate(String operation, Throwable failure) {
    if (failure instanceof SnapshotStoreException already) {
      return already;
    }
    String detail = operation + " failed: " + describe(failure);
    return switch (classify(failure)) {
      case UNAVAILABLE -> new BackendUnavailableException(BACKEND, detail, failure);
      case DEADLOCK, KEY_VIOLATION, OTHER -> new SnapshotStoreException(BACKEND + " " + detail, failure);
    };
  }

  /** The most telling message in the chain: the driver's own, with its error number and state. */
  static String describe(Throwable failure) {
    SQLException sql = firstSqlException(failure);
    if (sql != null) {
      return sql.getMessage() + " (error " + sql.getErrorCode() + ", SQLState " + sql.getSQLState() + ")";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static @Nullable SQLException firstSqlException(Throwable failure) {
    for (Throwable current = failure; current != null; current = current.getCause()) {
      if (current instanceof SQLException sql) {
        return sql;
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return null;
  }
}

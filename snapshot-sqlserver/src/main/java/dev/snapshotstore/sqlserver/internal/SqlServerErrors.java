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
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.FailureTranslator;

/**
 * What SQL Server and its driver report, in the store's terms: which failures a retry may cure
 * ({@link #isTransient}) and which exception the caller sees ({@link #translate}). Every failure is classified
 * by everything in its chain (causes and next-exceptions), so it does not matter where Jdbi, HikariCP or the
 * driver put the SQL Server error.
 */
public final class SqlServerErrors implements FailureTranslator {

  public static final SqlServerErrors INSTANCE = new SqlServerErrors();

  public static final String BACKEND = "SQL Server";

  public static final int DEADLOCK_VICTIM = 1205;
  public static final int PRIMARY_KEY_VIOLATION = 2627;
  public static final int UNIQUE_INDEX_VIOLATION = 2601;
  public static final int LOGIN_FAILED = 18456;
  public static final int OBJECT_EXISTS = 2714;
  /** What {@code RAISERROR} with a message text raises; the store's own refusal is told by its message. */
  public static final int RAISERROR_WITH_TEXT = 50000;

  /**
   * Azure SQL's errors that Microsoft documents as transient: a login to a read replica that waited too long
   * (4221), a reconfiguration or failover (40197, 40613), a busy service (40501) and too many operations at
   * once (49918, 49919, 49920). A retry with the default backoff rides out a short blip; for longer
   * reconfigurations raise {@code retryBackoff}.
   */
  static final Set<Integer> AZURE_TRANSIENT = Set.of(4221, 40197, 40501, 40613, 49918, 49919, 49920);

  /**
   * The server is not there for us right now, and an immediate retry would not help: cannot open the database
   * (4060), Azure SQL's resource limits (10928, 10929, which ask for a wait of seconds).
   */
  static final Set<Integer> UNAVAILABLE = Set.of(4060, 10928, 10929);

  /** Transport errors the server or the driver report with a number: the connection is gone. */
  static final Set<Integer> CONNECTION_LOST = Set.of(233, 10053, 10054, 10060, 64);

  /**
   * The login or its permissions are wrong, so no retry can help: login failed (18456), a permission denied on
   * an object (229), in the database (262) or for a server-level action (300), a schema that does not exist
   * or may not be used (2760).
   */
  static final Set<Integer> CONFIGURATION = Set.of(LOGIN_FAILED, 229, 262, 300, 2760);

  /** What a failure means; when a chain holds several, the first of these in declaration order wins. */
  public enum Kind {
    /** The store refused to write inside a transaction it did not start. */
    OPEN_TRANSACTION,
    /** Login or permissions: never retried. */
    CONFIGURATION,
    /** A query, socket or pool wait ran out of time: never retried, the time is already spent. */
    TIMEOUT,
    /** Chosen as deadlock victim: retried. */
    DEADLOCK,
    /** A key violation MERGE WITH (HOLDLOCK) makes impossible but for a lost race: retried. */
    KEY_VIOLATION,
    /** One of Azure SQL's documented transient errors: retried. */
    AZURE_TRANSIENT,
    /** The connection broke or could not be made: retried on a new one. */
    CONNECTION,
    /** The server cannot serve us now and asks for more than a retry's wait. */
    UNAVAILABLE,
    OTHER
  }

  private SqlServerErrors() {}

  @Override
  public boolean isTransient(Throwable failure) {
    return switch (classify(failure)) {
      case DEADLOCK, KEY_VIOLATION, AZURE_TRANSIENT, CONNECTION -> true;
      case OPEN_TRANSACTION, CONFIGURATION, TIMEOUT, UNAVAILABLE, OTHER -> false;
    };
  }

  /**
   * {@link SnapshotConfigurationException} for the refusal to write inside a caller's transaction and for login
   * and permission errors; {@link BackendUnavailableException} when the server cannot be reached or answered
   * too late; otherwise a {@link SnapshotStoreException}. Each names SQL Server and the operation, and carries
   * the driver's message with the error number (which never holds a credential).
   */
  @Override
  public SnapshotStoreException translate(String operation, Throwable failure) {
    if (failure instanceof SnapshotStoreException already) {
      return already;
    }
    Kind kind = classify(failure);
    String detail = describe(failure);
    return switch (kind) {
      case OPEN_TRANSACTION -> new SnapshotConfigurationException(BACKEND + " " + operation + " refused: the"
          + " connection the DataSource gave is already inside a transaction (@@TRANCOUNT > 0). A snapshot write is"
          + " its own unit of work, which the store commits itself, and it never writes inside a transaction it did"
          + " not start: committing would commit the caller's work half-way. A DataSource whose connections are"
          + " bound to the caller's transaction (Spring's TransactionAwareDataSourceProxy inside @Transactional, a"
          + " container-managed JTA DataSource) must not be given to the store; give it the underlying pool.",
          failure);
      case CONFIGURATION -> new SnapshotConfigurationException(BACKEND + " " + operation + " failed: " + detail
          + (errorNumber(failure) == LOGIN_FAILED
              ? "; check the login (user and password, or token) the URL or DataSource gives"
              : "; the login lacks a permission the store needs (SELECT, INSERT, UPDATE and DELETE on the table,"
                  + " and with createSchema CREATE TABLE in the database and ALTER on the schema)"),
          failure);
      case TIMEOUT, AZURE_TRANSIENT, CONNECTION, UNAVAILABLE ->
          new BackendUnavailableException(BACKEND, operation + " failed: " + detail, failure);
      case DEADLOCK, KEY_VIOLATION, OTHER -> new SnapshotStoreException(BACKEND + " " + operation + " failed: " + detail,
          failure);
    };
  }

  /** The kind that decides what a failure means: the first, in {@link Kind}'s order, found in its chain. */
  public static Kind classify(Throwable failure) {
    EnumSet<Kind> found = EnumSet.noneOf(Kind.class);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable current = pending.poll();
      if (!seen.add(current)) {
        continue;
      }
      found.add(kindOf(current));
      if (current instanceof SQLException sql && sql.getNextException() != null) {
        pending.add(sql.getNextException());
      }
      if (current.getCause() != null) {
        pending.add(current.getCause());
      }
    }
    return found.iterator().next();
  }

  /** Whether the failure is the store's own refusal to write inside a caller's transaction. */
  public static boolean isOpenTransactionRefusal(Throwable failure) {
    return classify(failure) == Kind.OPEN_TRANSACTION;
  }

  private static Kind kindOf(Throwable failure) {
    if (failure instanceof SQLException sql) {
      int code = sql.getErrorCode();
      String state = sql.getSQLState() == null ? "" : sql.getSQLState();
      if (code == RAISERROR_WITH_TEXT && sql.getMessage() != null
          && sql.getMessage().contains(SqlServerDialect.OPEN_TRANSACTION_MARKER)) {
        return Kind.OPEN_TRANSACTION;
      }
      if (CONFIGURATION.contains(code)) {
        return Kind.CONFIGURATION;
      }
      if (sql instanceof SQLTimeoutException || state.equals("HY008") || state.startsWith("HYT")
          // HikariCP's "Connection is not available, request timed out": the pool wait is spent
          || sql instanceof SQLTransientConnectionException) {
        return Kind.TIMEOUT;
      }
      if (code == DEADLOCK_VICTIM) {
        return Kind.DEADLOCK;
      }
      if (code == PRIMARY_KEY_VIOLATION || code == UNIQUE_INDEX_VIOLATION) {
        return Kind.KEY_VIOLATION;
      }
      if (AZURE_TRANSIENT.contains(code)) {
        return Kind.AZURE_TRANSIENT;
      }
      if (CONNECTION_LOST.contains(code) || state.startsWith("08") || sql instanceof SQLNonTransientConnectionException) {
        return Kind.CONNECTION;
      }
      return UNAVAILABLE.contains(code) ? Kind.UNAVAILABLE : Kind.OTHER;
    }
    if (failure instanceof SocketTimeoutException) {
      return Kind.TIMEOUT;
    }
    if (failure instanceof SocketException || failure instanceof ConnectException
        || failure instanceof UnknownHostException) {
      return Kind.CONNECTION;
    }
    return Kind.OTHER;
  }

  /** The first SQL Server error number in the chain, or 0. */
  public static int errorNumber(Throwable failure) {
    SQLException sql = firstSqlException(failure, true);
    return sql == null ? 0 : sql.getErrorCode();
  }

  /** The most telling message in the chain: the driver's own, with its error number and state. */
  static String describe(Throwable failure) {
    SQLException sql = firstSqlException(failure, true);
    if (sql == null) {
      sql = firstSqlException(failure, false);
    }
    if (sql != null) {
      return sql.getMessage() + " (error " + sql.getErrorCode() + ", SQLState " + sql.getSQLState() + ")";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static @Nullable SQLException firstSqlException(Throwable failure, boolean withErrorNumber) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
      if (current instanceof SQLException sql && (!withErrorNumber || sql.getErrorCode() != 0)) {
        return sql;
      }
    }
    return null;
  }
}

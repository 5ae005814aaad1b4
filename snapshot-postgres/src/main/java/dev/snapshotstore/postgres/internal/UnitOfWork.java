package dev.snapshotstore.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import dev.snapshotstore.api.SnapshotConfigurationException;

/**
 * How the store uses a connection of its data source: every call takes one, does its work as its own unit of
 * work within its deadline ({@link StatementTimeout}) and gives it back.
 *
 * <p>On a connection with autocommit on, a write is one execution, which PostgreSQL runs as one implicit
 * transaction (statements sent before one Sync share it). On a connection with autocommit off (HikariCP
 * {@code auto-commit=false}), the store commits or rolls back its own writes, and ends the transactions its reads
 * began. It never ends a transaction it did not begin: before writing on such a connection it asks whether the
 * connection is already inside a transaction that has written ({@code txid_current_if_assigned()}), and if so
 * refuses, because committing its snapshot would commit the caller's work half-way. Whether a transaction is open
 * at all the driver knows without a round trip, so the question costs one only when one is.
 */
public final class UnitOfWork {

  /** What the store does in one call; the connection is only lent for it. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Call call) throws SQLException;
  }

  /** One call: its connection, and statements prepared under its deadline. */
  public static final class Call {
    private final Connection connection;
    private final StatementTimeout.Deadline deadline;

    private Call(Connection connection, StatementTimeout.Deadline deadline) {
      this.connection = connection;
      this.deadline = deadline;
    }

    public Connection connection() {
      return connection;
    }

    /** A statement of the store, watched by the call's deadline. */
    public PreparedStatement prepare(Sql sql) throws SQLException {
      return prepare(sql.jdbc());
    }

    /** A statement whose text the store makes itself (catalog queries), watched by the call's deadline. */
    public PreparedStatement prepare(String jdbc) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(jdbc);
      deadline.watch(statement);
      return statement;
    }

    /** A plain statement (for DDL), watched by the call's deadline. */
    public Statement createStatement() throws SQLException {
      Statement statement = connection.createStatement();
      deadline.watch(statement);
      return statement;
    }
  }

  private final DataSource dataSource;
  private final StatementTimeout timeout;

  public UnitOfWork(DataSource dataSource, StatementTimeout timeout) {
    this.dataSource = dataSource;
    this.timeout = timeout;
  }

  /** Runs reads; a transaction they begin on an autocommit-off connection is rolled back, a caller's left alone. */
  public <T> T read(Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection(); StatementTimeout.Deadline deadline = timeout.start()) {
      Call call = new Call(connection, deadline);
      if (connection.getAutoCommit()) {
        return work.run(call);
      }
      boolean began = transactionState(connection) == TransactionState.IDLE;
      try {
        T result = work.run(call);
        if (began) {
          connection.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        if (began) {
          rollbackAfter(connection, e);
        }
        throw e;
      }
    }
  }

  /**
   * Runs one write execution as its own unit of work: in autocommit, as the implicit transaction of that one
   * execution; otherwise committed here, after checking that no caller's transaction would be committed with it.
   */
  public <T> T write(String operation, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection(); StatementTimeout.Deadline deadline = timeout.start()) {
      Call call = new Call(connection, deadline);
      if (connection.getAutoCommit()) {
        return work.run(call);
      }
      return committed(call, operation, work);
    }
  }

  /** Runs several statements as one transaction of their own, whatever the connection's autocommit setting. */
  public <T> T transaction(String operation, Work<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection(); StatementTimeout.Deadline deadline = timeout.start()) {
      Call call = new Call(connection, deadline);
      if (!connection.getAutoCommit()) {
        return committed(call, operation, work);
      }
      connection.setAutoCommit(false);
      try {
        return committed(call, operation, work);
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static <T> T committed(Call call, String operation, Work<T> work) throws SQLException {
    refuseCallersTransaction(call, operation);
    try {
      T result = work.run(call);
      call.connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(call.connection, e);
      throw e;
    }
  }

  private static void rollbackAfter(Connection connection, Exception primary) {
    try {
      connection.rollback();
    } catch (SQLException rollback) {
      primary.addSuppressed(rollback);
    }
  }

  private static void refuseCallersTransaction(Call call, String operation) throws SQLException {
    TransactionState state = transactionState(call.connection);
    if (state == TransactionState.IDLE) {
      return;
    }
    if (state == TransactionState.FAILED || hasWritten(call)) {
      throw new SnapshotConfigurationException("PostgreSQL " + operation + " refused: the connection the data"
          + " source lent is inside a transaction that has already " + (state == TransactionState.FAILED
              ? "failed" : "written (txid_current_if_assigned() is set)")
          + ". A snapshot write is its own unit of work, committed by the store, so it would commit (or roll back)"
          + " the caller's work half-way. This happens with a DataSource whose connections are bound to the"
          + " caller's transaction, such as Spring's TransactionAwareDataSourceProxy inside @Transactional:"
          + " give the store the underlying pool instead. Snapshots are taken from committed state.");
    }
  }

  private static boolean hasWritten(Call call) throws SQLException {
    try (PreparedStatement statement = call.prepare("SELECT txid_current_if_assigned() IS NOT NULL");
        ResultSet row = statement.executeQuery()) {
      return row.next() && row.getBoolean(1);
    }
  }

  /** What the driver knows of the connection's transaction, without a round trip; null when it cannot say. */
  private static @Nullable TransactionState transactionState(Connection connection) throws SQLException {
    if (connection.isWrapperFor(BaseConnection.class)) {
      return connection.unwrap(BaseConnection.class).getTransactionState();
    }
    return null;
  }
}

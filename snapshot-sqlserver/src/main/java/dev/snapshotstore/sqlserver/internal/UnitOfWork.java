package dev.snapshotstore.sqlserver.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How the store makes each write its own unit of work on whatever connection its DataSource gives.
 *
 * <p>On a connection in autocommit, the write's batch commits itself ({@link SqlServerDialect}). On a connection
 * with autocommit off (HikariCP's {@code auto-commit=false}, as Spring Boot and Hibernate set it up) the driver
 * runs the batch in an implicit transaction that nobody would commit: the pool rolls it back when the connection
 * returns, and the save would be lost although it returned normally. So here the store commits what it wrote,
 * and rolls back when the write failed.
 *
 * <p>It never ends a transaction it did not start: every write's first statement refuses to run when the
 * connection is already inside one ({@link SqlServerDialect#REFUSE_OPEN_TRANSACTION}), and after that refusal
 * nothing is committed or rolled back, so the caller's transaction stays as it was.
 */
public final class UnitOfWork {

  /** Runs one write's statement on the connection; {@code autoCommit} says which batch form to send. */
  @FunctionalInterface
  public interface Write<T> {
    T run(boolean autoCommit) throws SQLException;
  }

  private UnitOfWork() {}

  public static <T> T run(Connection connection, Write<T> write) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    T result;
    try {
      result = write.run(autoCommit);
    } catch (SQLException | RuntimeException e) {
      if (!autoCommit && !SqlServerErrors.isOpenTransactionRefusal(e)) {
        rollback(connection, e);
      }
      throw e;
    }
    if (!autoCommit) {
      try {
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }
    return result;
  }

  private static void rollback(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}

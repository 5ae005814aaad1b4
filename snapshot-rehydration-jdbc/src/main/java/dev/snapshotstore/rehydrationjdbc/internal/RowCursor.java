package dev.snapshotstore.rehydrationjdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * One query's rows as a lazy {@link Stream}, read through a cursor with a fetch size, so that only a fetch's worth of
 * rows is ever in memory. Takes a connection at the first row asked for (a stream never consumed costs nothing) and
 * gives it back as soon as the rows run out, the stream is closed, or anything fails: the driver, the row reader, or
 * the consumer of the rows.
 *
 * <p>PostgreSQL's driver streams with a fetch size only inside a transaction (otherwise it reads every row before
 * returning the first), so on a connection in autocommit this cursor turns autocommit off, and at the end rolls back
 * the read-only transaction it started and turns autocommit back on. A connection that comes with autocommit off is
 * read inside whatever transaction it is in, which stays its owner's to end: a pool ends it when the connection
 * returns (HikariCP rolls back), a transaction manager commits it.
 */
public final class RowCursor<T> implements Spliterator<T> {

  /** Prepares the query on the connection and binds its parameters. */
  @FunctionalInterface
  public interface Query {
    PreparedStatement prepare(Connection connection) throws SQLException;
  }

  /** Reads the current row; may throw an unchecked exception of its own for a row it cannot read. */
  @FunctionalInterface
  public interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Turns a failure of the database or driver into the exception the caller sees. */
  @FunctionalInterface
  public interface Failures {
    RuntimeException translate(SQLException failure);
  }

  /** Checks a connection once it is taken, before the query (the dialect check). */
  @FunctionalInterface
  public interface ConnectionCheck {
    void check(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final ConnectionCheck check;
  private final boolean streamsOnlyInTransaction;
  private final int fetchSize;
  private final Query query;
  private final RowReader<T> reader;
  private final Failures failures;

  private @Nullable Connection connection;
  private @Nullable PreparedStatement statement;
  private @Nullable ResultSet rows;
  private boolean startedTransaction;
  private boolean finished;

  private RowCursor(DataSource dataSource, ConnectionCheck check, boolean streamsOnlyInTransaction, int fetchSize,
      Query query, RowReader<T> reader, Failures failures) {
    this.dataSource = dataSource;
    this.check = check;
    this.streamsOnlyInTransaction = streamsOnlyInTransaction;
    this.fetchSize = fetchSize;
    this.query = query;
    this.reader = reader;
    this.failures = failures;
  }

  /** The rows as a sequential stream whose {@code close()} gives the connection back. */
  public static <T> Stream<T> stream(DataSource dataSource, ConnectionCheck check, boolean streamsOnlyInTransaction,
      int fetchSize, Query query, RowReader<T> reader, Failures failures) {
    RowCursor<T> cursor = new RowCursor<>(dataSource, check, streamsOnlyInTransaction, fetchSize, query, reader,
        failures);
    return StreamSupport.stream(cursor, false).onClose(cursor::close);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    if (finished) {
      return false;
    }
    T next;
    try {
      ResultSet current = rows != null ? rows : open();
      if (!current.next()) {
        finish(null);
        return false;
      }
      next = reader.read(current);
    } catch (SQLException e) {
      RuntimeException failure = failures.translate(e);
      finish(failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      finish(e);
      throw e;
    }
    try {
      action.accept(next);
    } catch (RuntimeException | Error e) {
      // A consumer that fails (an aggregate's apply, say) may never close the stream: give the connection back now.
      finish(e);
      throw e;
    }
    return true;
  }

  private ResultSet open() throws SQLException {
    Connection taken = dataSource.getConnection();
    connection = taken;
    check.check(taken);
    if (streamsOnlyInTransaction && taken.getAutoCommit()) {
      taken.setAutoCommit(false);
      startedTransaction = true;
    }
    PreparedStatement prepared = query.prepare(taken);
    statement = prepared;
    prepared.setFetchSize(fetchSize);
    ResultSet result = prepared.executeQuery();
    rows = result;
    return result;
  }

  /** Gives everything back; idempotent. Failures while closing are added to {@code primary}, or thrown without one. */
  private void finish(@Nullable Throwable primary) {
    if (finished) {
      return;
    }
    finished = true;
    SQLException failure = null;
    failure = closeQuietly(rows, failure);
    failure = closeQuietly(statement, failure);
    Connection taken = connection;
    if (taken != null) {
      if (startedTransaction) {
        try {
          taken.rollback();
          taken.setAutoCommit(true);
        } catch (SQLException e) {
          failure = first(failure, e);
        }
      }
      failure = closeQuietly(taken, failure);
    }
    rows = null;
    statement = null;
    connection = null;
    if (failure != null) {
      if (primary != null) {
        primary.addSuppressed(failure);
      } else {
        throw failures.translate(failure);
      }
    }
  }

  private static @Nullable SQLException closeQuietly(@Nullable AutoCloseable resource, @Nullable SQLException failure) {
    if (resource == null) {
      return failure;
    }
    try {
      resource.close();
      return failure;
    } catch (SQLException e) {
      return first(failure, e);
    } catch (Exception e) {
      return first(failure, new SQLException("closing " + resource.getClass().getSimpleName() + " failed", e));
    }
  }

  private static SQLException first(@Nullable SQLException earlier, SQLException later) {
    if (earlier == null) {
      return later;
    }
    earlier.addSuppressed(later);
    return earlier;
  }

  /** Closing the stream before its end; a no-op after the end. */
  void close() {
    finish(null);
  }

  @Override
  public @Nullable Spliterator<T> trySplit() {
    return null;
  }

  @Override
  public long estimateSize() {
    return Long.MAX_VALUE;
  }

  @Override
  public int characteristics() {
    return ORDERED | NONNULL;
  }
}

package dev.snapshotstore.sqlserver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.sqlserver.internal.CreatedAt;
import dev.snapshotstore.sqlserver.internal.MetadataJson;
import dev.snapshotstore.sqlserver.internal.RetryPolicy;
import dev.snapshotstore.sqlserver.internal.SqlCommand;
import dev.snapshotstore.sqlserver.internal.SqlParam;
import dev.snapshotstore.sqlserver.internal.SqlServerDialect;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors;
import dev.snapshotstore.sqlserver.internal.TableShape;

/**
 * A {@link SnapshotStore} on SQL Server or Azure SQL, through Jdbi3 and Microsoft's JDBC driver.
 *
 * <p>One table, primary key (aggregate_type, aggregate_id, version) clustered. A save is one round trip: a
 * {@code MERGE ... WITH (HOLDLOCK)} upsert (race-free against concurrent saves of the same version) followed
 * by the retention prune of the stream in the same batch. Deadlock victims are run again (option
 * {@code deadlockRetries}); an unreachable or timed-out server fails with
 * {@link dev.snapshotstore.api.BackendUnavailableException} naming SQL Server, and the same store works again
 * once the server is back.
 *
 * <pre>{@code
 * SnapshotStore store = SqlServerSnapshotStore.create(dataSource,
 *     SqlServerSnapshotStoreOptions.builder().schema("app").retention(Retention.keepLast(3)).build());
 * }</pre>
 *
 * <p>Types and ids may be up to {@value #MAX_KEY_LENGTH} UTF-16 code units long, so that the clustered key
 * stays within SQL Server's 900-byte index key limit.
 */
public final class SqlServerSnapshotStore implements SnapshotStore {

  /** The longest aggregate type or aggregate id this store accepts, in UTF-16 code units. */
  public static final int MAX_KEY_LENGTH = SqlServerDialect.MAX_KEY_LENGTH;

  /** The DDL of the default table {@code [dbo].[snapshots]}, on the classpath of this jar. */
  public static final String SCHEMA_RESOURCE = "dev/snapshotstore/sqlserver/schema.sql";

  private record StoredRow(long version, byte @Nullable [] payload, @Nullable String serializerId,
      @Nullable String codecId, int schemaRevision, @Nullable String metadata, long createdAtMicros) {}

  private final SqlServerSnapshotStoreOptions options;
  private final StoreGuard guard;
  private final SqlServerDialect dialect;
  private final RetryPolicy retry;
  private final Jdbi jdbi;
  private final @Nullable AutoCloseable ownedPool;
  private final String source;
  private volatile boolean closed;

  private SqlServerSnapshotStore(DataSource dataSource, SqlServerSnapshotStoreOptions options,
      @Nullable AutoCloseable ownedPool, String source) {
    this.options = options;
    this.guard = new StoreGuard(options.retention(), options.maxPayloadBytes(), MAX_KEY_LENGTH);
    this.dialect = new SqlServerDialect(options.schema(), options.table());
    this.retry = new RetryPolicy(options.deadlockRetries(), RetryPolicy.JITTERED);
    this.jdbi = Jdbi.create(dataSource);
    this.jdbi.getConfig(SqlStatements.class).setQueryTimeout((int) options.queryTimeout().toSeconds());
    this.ownedPool = ownedPool;
    this.source = source;
  }

  /** A store with default options on the caller's data source, which this store never closes. */
  public static SqlServerSnapshotStore create(DataSource dataSource) {
    return create(dataSource, SqlServerSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's data source, which this store never closes. Creates or checks the table at once,
   * so a missing table or an unreachable server fails here rather than at the first save.
   */
  public static SqlServerSnapshotStore create(DataSource dataSource, SqlServerSnapshotStoreOptions options) {
    Arguments.checkNotNull(dataSource, "dataSource");
    Arguments.checkNotNull(options, "options");
    SqlServerSnapshotStore store = new SqlServerSnapshotStore(dataSource, options, null, "caller's DataSource");
    store.prepareTable();
    return store;
  }

  /** A store that owns its pool and closes it, also when preparing the table fails. */
  static SqlServerSnapshotStore createOwning(DataSource pool, AutoCloseable closePool, String redactedUrl,
      SqlServerSnapshotStoreOptions options) {
    SqlServerSnapshotStore store = new SqlServerSnapshotStore(pool, options, closePool, redactedUrl);
    try {
      store.prepareTable();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  public SqlServerSnapshotStoreOptions options() {
    return options;
  }

  public Retention retention() {
    return guard.retention();
  }

  private void prepareTable() {
    String table = dialect.qualifiedTable();
    if (options.createSchema()) {
      createIfMissing(table);
    }
    SqlCommand describe = dialect.describeTable();
    List<TableShape.Column> columns = run("checking table " + table, handle -> bind(handle.createQuery(describe.sql()),
        describe.params())
        .map((rs, ctx) -> new TableShape.Column(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
            rs.getString(4)))
        .list());
    List<String> problems = TableShape.problems(table, columns);
    if (!problems.isEmpty()) {
      throw new SnapshotConfigurationException("SQL Server table " + table + " cannot be used: "
          + String.join("; ", problems) + (options.createSchema() ? ""
              : "; create it with the DDL in " + SCHEMA_RESOURCE + " (in the snapshot-sqlserver jar) or enable createSchema"));
    }
  }

  /**
   * Stores opened at the same time race between the existence checks and the CREATEs (error 2714); the
   * loser runs the guarded batch again, which then finds what the winner created.
   */
  private void createIfMissing(String table) {
    SqlCommand create = new SqlCommand(dialect.createIfMissing(), List.of());
    for (int attempt = 1; ; attempt++) {
      try {
        run("creating table " + table, handle -> executeBatch(handle, create));
        return;
      } catch (SnapshotStoreException e) {
        boolean raced = e.getCause() != null
            && SqlServerErrors.errorNumber(e.getCause()) == SqlServerErrors.OBJECT_EXISTS;
        if (!raced || attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Override
  public void save(Snapshot snapshot) {
    checkOpen();
    guard.checkSave(snapshot);
    CreatedAt.check(snapshot.createdAt(), snapshot.describe());
    SqlCommand command = dialect.save(snapshot, guard.retention());
    run("save of " + snapshot.describe(), handle -> executeBatch(handle, command));
  }

  /** Up to {@value SqlServerDialect#MAX_ROWS_PER_BATCH} snapshots go in one round trip; more take one per that many. */
  @Override
  public void saveAll(List<Snapshot> snapshots) {
    checkOpen();
    guard.checkSaveAll(snapshots);
    for (Snapshot snapshot : snapshots) {
      CreatedAt.check(snapshot.createdAt(), snapshot.describe());
    }
    List<SqlCommand> batches = dialect.saveAll(snapshots, guard.retention());
    for (int i = 0; i < batches.size(); i++) {
      SqlCommand batch = batches.get(i);
      run("saveAll of " + snapshots.size() + " snapshots (batch " + (i + 1) + " of " + batches.size() + ")",
          handle -> executeBatch(handle, batch));
    }
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    return first(aggregateType, aggregateId, dialect.loadLatest(aggregateType, aggregateId), "loadLatest");
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    return first(aggregateType, aggregateId, dialect.loadAtOrBefore(aggregateType, aggregateId, version),
        "loadAtOrBefore");
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    return rows("history", dialect.history(aggregateType, aggregateId)).stream()
        .map(row -> toSnapshot(aggregateType, aggregateId, row))
        .toList();
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    SqlCommand command = dialect.delete(aggregateType, aggregateId, version);
    run("delete", handle -> executeBatch(handle, command));
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    SqlCommand command = dialect.deleteStream(aggregateType, aggregateId);
    run("deleteStream", handle -> executeBatch(handle, command));
  }

  @Override
  public void deleteAll(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    SqlCommand command = dialect.deleteAll(aggregateType);
    run("deleteAll", handle -> executeBatch(handle, command));
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    SqlCommand command = dialect.stats(aggregateType);
    return run("stats", handle -> bind(handle.createQuery(command.sql()), command.params())
        .map((rs, ctx) -> new SnapshotStats(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
        .one());
  }

  /** Closes the connection pool if this store opened it from a URI; a caller's data source stays open. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new SnapshotStoreException("cannot close the SQL Server connection pool", e);
      }
    }
  }

  @Override
  public String toString() {
    return "SqlServerSnapshotStore[" + dialect.qualifiedTable() + " via " + source + ", " + guard.retention()
        + ", maxPayloadBytes=" + guard.maxPayloadBytes() + "]";
  }

  private Optional<Snapshot> first(String aggregateType, String aggregateId, SqlCommand command, String operation) {
    return rows(operation, command).stream().findFirst().map(row -> toSnapshot(aggregateType, aggregateId, row));
  }

  private List<StoredRow> rows(String operation, SqlCommand command) {
    return run(operation, handle -> bind(handle.createQuery(command.sql()), command.params())
        .map((rs, ctx) -> readRow(rs))
        .list());
  }

  private static StoredRow readRow(ResultSet rs) throws SQLException {
    return new StoredRow(rs.getLong("version"), rs.getBytes("payload"), rs.getString("serializer_id"),
        rs.getString("codec_id"), rs.getInt("schema_revision"), rs.getString("metadata"),
        rs.getLong("created_at_micros"));
  }

  private static Snapshot toSnapshot(String aggregateType, String aggregateId, StoredRow row) {
    try {
      if (row.metadata() == null) {
        throw new IllegalArgumentException("metadata is NULL");
      }
      return new Snapshot(aggregateType, aggregateId, row.version(), row.payload(),
          CreatedAt.fromEpochMicros(row.createdAtMicros()), MetadataJson.read(row.metadata()),
          new SnapshotHeader(row.serializerId(), row.codecId(), row.schemaRevision()));
    } catch (RuntimeException e) {
      throw new CorruptSnapshotException(aggregateType, aggregateId, row.version(),
          "the stored row cannot be read: " + e.getMessage(), e);
    }
  }

  private <T> T run(String operation, HandleCallback<T, RuntimeException> work) {
    return retry.run(operation, () -> jdbi.withHandle(work));
  }

  private void checkOpen() {
    if (closed) {
      throw new SnapshotStoreException("SQL Server snapshot store " + dialect.qualifiedTable() + " is closed");
    }
  }

  private static int executeBatch(Handle handle, SqlCommand command) {
    return bind(handle.createUpdate(command.sql()), command.params())
        .execute((statement, ctx) -> drain(statement.get()));
  }

  /**
   * Reads every result of a multi-statement batch: the driver raises an error of a later statement (the
   * retention prune after the MERGE) only when its result is reached.
   */
  private static int drain(PreparedStatement statement) throws SQLException {
    int updated = Math.max(0, statement.getUpdateCount());
    while (true) {
      if (statement.getMoreResults(Statement.CLOSE_CURRENT_RESULT)) {
        continue;
      }
      int count = statement.getUpdateCount();
      if (count == -1) {
        return updated;
      }
      updated += count;
    }
  }

  private static <S extends SqlStatement<S>> S bind(S statement, List<SqlParam> params) {
    for (int i = 0; i < params.size(); i++) {
      statement.bind(i, argument(params.get(i)));
    }
    return statement;
  }

  private static Argument argument(SqlParam param) {
    if (param instanceof SqlParam.Text text) {
      return (position, statement, ctx) -> statement.setNString(position, text.value());
    }
    if (param instanceof SqlParam.Int64 number) {
      return (position, statement, ctx) -> statement.setLong(position, number.value());
    }
    if (param instanceof SqlParam.Int32 number) {
      return (position, statement, ctx) -> statement.setInt(position, number.value());
    }
    byte[] bytes = ((SqlParam.Bytes) param).value();
    return (position, statement, ctx) -> statement.setBytes(position, bytes);
  }
}

package dev.snapshotstore.sqlserver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.UnsafePayloads;
import dev.snapshotstore.sqlserver.internal.CreatedAt;
import dev.snapshotstore.sqlserver.internal.MetadataJson;
import dev.snapshotstore.sqlserver.internal.SqlCommand;
import dev.snapshotstore.sqlserver.internal.SqlParam;
import dev.snapshotstore.sqlserver.internal.SqlServerDialect;
import dev.snapshotstore.sqlserver.internal.SqlServerErrors;
import dev.snapshotstore.sqlserver.internal.StoredKey;
import dev.snapshotstore.sqlserver.internal.TableShape;
import dev.snapshotstore.sqlserver.internal.UnitOfWork;

/**
 * A {@link SnapshotStore} on SQL Server or Azure SQL, through Jdbi3 and Microsoft's JDBC driver.
 *
 * <p>One table, primary key (aggregate_type, aggregate_id, version) clustered. A save is one round trip and one
 * transaction: the stream is locked, the snapshot upserted with {@code MERGE ... WITH (HOLDLOCK)} and the
 * stream pruned to its retention, under {@code SET XACT_ABORT ON}. Every write is its own unit of work, also on
 * connections with autocommit off (the store commits it), and none runs inside a transaction the store did not
 * start. Deadlock victims and Azure SQL's transient errors are run again ({@code retries},
 * {@code retryBackoff}); an unreachable or timed-out server fails with
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
public final class SqlServerSnapshotStore extends AbstractSnapshotStore {

  /** The longest aggregate type or aggregate id this store accepts, in UTF-16 code units. */
  public static final int MAX_KEY_LENGTH = SqlServerDialect.MAX_KEY_LENGTH;

  /** The DDL of the default table {@code [dbo].[snapshots]}, on the classpath of this jar. */
  public static final String SCHEMA_RESOURCE = "dev/snapshotstore/sqlserver/schema.sql";

  private record StoredRow(long version, byte @Nullable [] payload, @Nullable String serializerId,
      @Nullable String codecId, int schemaRevision, @Nullable String metadata, long createdAtMicros) {}

  private final SqlServerSnapshotStoreOptions options;
  private final SqlServerDialect dialect;
  private final Jdbi jdbi;
  private final @Nullable AutoCloseable ownedPool;
  private final String source;

  private SqlServerSnapshotStore(DataSource dataSource, SqlServerSnapshotStoreOptions options,
      @Nullable AutoCloseable ownedPool, String source) {
    super(SqlServerErrors.BACKEND, options.common().limits(MAX_KEY_LENGTH), options.retryPolicy(),
        SqlServerErrors.INSTANCE);
    this.options = options;
    this.dialect = new SqlServerDialect(options.schema(), options.table());
    this.jdbi = Jdbi.create(dataSource);
    this.jdbi.getConfig(SqlStatements.class).setQueryTimeout(options.common().operationTimeoutSeconds());
    this.ownedPool = ownedPool;
    this.source = source;
  }

  /**
   * A store that owns its connections, from a {@code jdbc:sqlserver:} URI (see
   * {@link SqlServerSnapshotStoreProvider}); closing the store closes its pool.
   */
  public static SqlServerSnapshotStore open(String uri) {
    return new SqlServerSnapshotStoreProvider().openStore(uri);
  }

  /** A store with default options on the caller's data source, which this store never closes. */
  public static SqlServerSnapshotStore create(DataSource dataSource) {
    return create(dataSource, SqlServerSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's data source, which this store never closes. Creates or checks the table at once,
   * so a missing table or an unreachable server fails here rather than at the first save. The data source may
   * hand out connections in autocommit or not; it must not hand out connections bound to a transaction of the
   * caller's (see the README's Transactions).
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
      try {
        store.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return store;
  }

  public SqlServerSnapshotStoreOptions options() {
    return options;
  }

  // ------------------------------------------------------------------------------------------- the table

  private void prepareTable() {
    String table = dialect.qualifiedTable();
    if (options.createSchema()) {
      createIfMissing(table);
    }
    SqlCommand describe = dialect.describeTable();
    List<TableShape.Column> columns = execute("checking table " + table, () -> jdbi.withHandle(handle ->
        bind(handle.createQuery(describe.sql()), describe.params())
            .map((rs, ctx) -> new TableShape.Column(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                rs.getString(4)))
            .list()));
    List<String> problems = TableShape.problems(table, columns);
    if (!problems.isEmpty()) {
      throw new SnapshotConfigurationException("SQL Server table " + table + " cannot be used: "
          + String.join("; ", problems) + (options.createSchema() ? ""
              : "; create it with the DDL in " + SCHEMA_RESOURCE + " (in the snapshot-sqlserver jar) or enable createSchema"));
    }
  }

  /**
   * Stores opened at the same time race between the existence checks and the CREATEs (error 2714); the loser
   * runs the guarded batch again, which then finds what the winner created.
   */
  private void createIfMissing(String table) {
    for (int attempt = 1; ; attempt++) {
      try {
        write("creating table " + table, autoCommit -> dialect.createIfMissing());
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

  // -------------------------------------------------------------------------------------------- writes

  @Override
  protected void doSave(Snapshot snapshot) {
    write("save of " + snapshot.describe(),
        autoCommit -> dialect.upsert(List.of(snapshot), limits().retention(), autoCommit));
  }

  /**
   * Sorted and cut into round trips of at most {@value SqlServerDialect#MAX_ROWS_PER_BATCH} snapshots and
   * {@value SqlServerDialect#MAX_BATCH_BYTES} bytes, each its own transaction.
   */
  @Override
  protected void doSaveAll(List<Snapshot> snapshots) {
    List<List<Snapshot>> chunks = SqlServerDialect.saveAllChunks(snapshots);
    for (int i = 0; i < chunks.size(); i++) {
      List<Snapshot> chunk = chunks.get(i);
      write("saveAll of " + snapshots.size() + " snapshots (batch " + (i + 1) + " of " + chunks.size() + ")",
          autoCommit -> dialect.upsert(chunk, limits().retention(), autoCommit));
    }
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    SqlCommand command = dialect.delete(aggregateType, aggregateId, version);
    write("delete of " + aggregateType + "/" + aggregateId + "@" + version, autoCommit -> command);
  }

  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    SqlCommand command = dialect.deleteStream(aggregateType, aggregateId);
    write("deleteStream of " + aggregateType + "/" + aggregateId, autoCommit -> command);
  }

  /** In statements of {@value SqlServerDialect#DELETE_BATCH_ROWS} rows, each its own transaction, until one deletes fewer. */
  @Override
  protected void doDeleteAll(String aggregateType) {
    SqlCommand batch = dialect.deleteAllBatch(aggregateType);
    for (int number = 1; ; number++) {
      int deleted = write("deleteAll of " + aggregateType + " (batch " + number + ")", autoCommit -> batch);
      if (deleted < SqlServerDialect.DELETE_BATCH_ROWS) {
        return;
      }
    }
  }

  // --------------------------------------------------------------------------------------------- reads

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    return rows("loadLatest of " + aggregateType + "/" + aggregateId, dialect.loadLatest(aggregateType, aggregateId))
        .stream().findFirst().map(row -> toSnapshot(aggregateType, aggregateId, row));
  }

  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return rows("loadAtOrBefore of " + aggregateType + "/" + aggregateId + "@" + version,
        dialect.loadAtOrBefore(aggregateType, aggregateId, version))
        .stream().findFirst().map(row -> toSnapshot(aggregateType, aggregateId, row));
  }

  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    return rows("history of " + aggregateType + "/" + aggregateId, dialect.history(aggregateType, aggregateId, limit))
        .stream().map(row -> toSnapshot(aggregateType, aggregateId, row)).toList();
  }

  @Override
  protected SnapshotStats doStats(String aggregateType) {
    SqlCommand command = dialect.stats(aggregateType);
    return execute("stats of " + aggregateType, () -> jdbi.withHandle(handle ->
        bind(handle.createQuery(command.sql()), command.params())
            .map((rs, ctx) -> new SnapshotStats(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .one()));
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    return page(page, keys("listTypes", dialect.listTypes(page.cursor(), page.limit() + 1)));
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    return page(page, keys("listStreams of " + aggregateType,
        dialect.listStreams(aggregateType, page.cursor(), page.limit() + 1)));
  }

  /**
   * Listed keys as saved, and the next page's cursor: the last key in its stored form, since the next page
   * continues after it in the key column's order ({@code aggregate_id > cursor}).
   */
  private static Page<String> page(PageRequest page, List<String> storedKeys) {
    boolean more = storedKeys.size() > page.limit();
    List<String> shown = more ? storedKeys.subList(0, page.limit()) : storedKeys;
    List<String> items = new ArrayList<>(shown.size());
    shown.forEach(stored -> items.add(StoredKey.decode(stored)));
    return new Page<>(items, more ? shown.get(shown.size() - 1) : null);
  }

  private List<String> keys(String operation, SqlCommand command) {
    return execute(operation, () -> jdbi.withHandle(handle ->
        bind(handle.createQuery(command.sql()), command.params()).map((rs, ctx) -> rs.getString(1)).list()));
  }

  // ---------------------------------------------------------------------------------------- closing

  /** Closes the connection pool if this store opened it from a URI; a caller's data source stays open. */
  @Override
  protected void doClose() {
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new SnapshotStoreException("cannot close the SQL Server connection pool of " + source, e);
      }
    }
  }

  @Override
  public String toString() {
    return "SqlServerSnapshotStore[" + dialect.qualifiedTable() + " via " + source + ", " + limits().retention()
        + ", maxPayloadBytes=" + limits().maxPayloadBytes() + "]";
  }

  // ------------------------------------------------------------------------------------------ plumbing

  /** Runs one write as its own unit of work ({@link UnitOfWork}), with retries; the count of rows it changed. */
  private int write(String operation, Function<Boolean, SqlCommand> statement) {
    return execute(operation, () -> jdbi.withHandle(handle -> UnitOfWork.run(handle.getConnection(),
        autoCommit -> executeUpdate(handle, statement.apply(autoCommit)))));
  }

  private List<StoredRow> rows(String operation, SqlCommand command) {
    return execute(operation, () -> jdbi.withHandle(handle -> bind(handle.createQuery(command.sql()), command.params())
        .map((rs, ctx) -> readRow(rs))
        .list()));
  }

  private static StoredRow readRow(ResultSet rs) throws SQLException {
    return new StoredRow(rs.getLong("version"), rs.getBytes("payload"), rs.getString("serializer_id"),
        rs.getString("codec_id"), rs.getInt("schema_revision"), rs.getString("metadata"),
        rs.getLong("created_at_micros"));
  }

  /** The row as a snapshot that owns the driver's payload array (no copy); a row that cannot be one is corrupt. */
  private static Snapshot toSnapshot(String aggregateType, String aggregateId, StoredRow row) {
    try {
      if (row.payload() == null || row.metadata() == null || row.serializerId() == null || row.codecId() == null) {
        throw new IllegalArgumentException("a column is NULL");
      }
      return UnsafePayloads.adopt(aggregateType, aggregateId, row.version(), row.payload(),
          CreatedAt.fromEpochMicros(row.createdAtMicros()), MetadataJson.read(row.metadata()),
          new SnapshotHeader(row.serializerId(), row.codecId(), row.schemaRevision()));
    } catch (RuntimeException e) {
      throw new CorruptSnapshotException(aggregateType, aggregateId, row.version(),
          "the stored row cannot be read: " + e.getMessage(), e);
    }
  }

  /** Runs every statement of the batch, so that an error of a later one is raised; the rows changed in all. */
  private static int executeUpdate(Handle handle, SqlCommand command) {
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

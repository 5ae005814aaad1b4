package dev.snapshotstore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.postgres.internal.Failures;
import dev.snapshotstore.postgres.internal.Keys;
import dev.snapshotstore.postgres.internal.MetadataCodec;
import dev.snapshotstore.postgres.internal.SchemaManager;
import dev.snapshotstore.postgres.internal.SnapshotRowMapper;
import dev.snapshotstore.postgres.internal.SnapshotSql;

/**
 * Snapshots in one PostgreSQL table keyed by (aggregate type, aggregate id, version). Each save is one
 * round trip that upserts and applies retention; each load is one backward scan of the primary key with
 * {@code LIMIT 1}.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);           // the caller's pool, closed by the caller
 * SnapshotStore store = PostgresSnapshotStore.create(pool,
 *     PostgresSnapshotStoreOptions.builder().retention(Retention.keepLast(3)).build());
 * }</pre>
 */
public final class PostgresSnapshotStore implements SnapshotStore {

  /**
   * The longest aggregate type and id, in UTF-16 chars. At 3 UTF-8 bytes per char, type + id + version of one
   * key stay below PostgreSQL's 2704-byte limit for a B-tree index entry, whatever the text.
   */
  public static final int MAX_KEY_LENGTH = 400;

  /** Deadlocks and serialization failures roll the statement back whole, so it is safe to run it again. */
  private static final int MAX_ATTEMPTS = 3;

  private final Jdbi jdbi;
  private final PostgresSnapshotStoreOptions options;
  private final StoreGuard guard;
  private final SnapshotSql sql;
  private final int lockSpace;
  private final @Nullable AutoCloseable ownedPool;
  private volatile boolean closed;

  private PostgresSnapshotStore(DataSource dataSource, PostgresSnapshotStoreOptions options,
      @Nullable AutoCloseable ownedPool) {
    this.options = options;
    this.ownedPool = ownedPool;
    this.guard = new StoreGuard(options.retention(), options.maxPayloadBytes(), MAX_KEY_LENGTH);
    this.sql = new SnapshotSql(options.schema(), options.table());
    this.lockSpace = Keys.lockSpace(sql.table());
    this.jdbi = Jdbi.create(dataSource);
    jdbi.getConfig(SqlStatements.class)
        .setQueryTimeout((int) Math.max(1, (options.queryTimeout().toMillis() + 999) / 1000));
    call("schema check of " + sql.table(), handle -> committed(handle, h -> {
      SchemaManager.prepare(h, sql, options.createSchema());
      return null;
    }));
  }

  /** A store with {@link PostgresSnapshotStoreOptions#defaults() default options} on the caller's data source. */
  public static PostgresSnapshotStore create(DataSource dataSource) {
    return create(dataSource, PostgresSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's data source, which the store never closes. Creates or checks the table at once,
   * so a missing table or an unreachable server fails here rather than on the first save.
   */
  public static PostgresSnapshotStore create(DataSource dataSource, PostgresSnapshotStoreOptions options) {
    Arguments.checkNotNull(dataSource, "dataSource");
    Arguments.checkNotNull(options, "options");
    return new PostgresSnapshotStore(dataSource, options, null);
  }

  /** A store that owns its pool and closes it on {@link #close()}, also when this constructor fails. */
  static PostgresSnapshotStore createOwning(DataSource pool, AutoCloseable closer, PostgresSnapshotStoreOptions options) {
    try {
      return new PostgresSnapshotStore(pool, options, closer);
    } catch (RuntimeException e) {
      closeQuietly(closer, e);
      throw e;
    }
  }

  public PostgresSnapshotStoreOptions options() {
    return options;
  }

  @Override
  public void save(Snapshot snapshot) {
    checkOpen();
    guard.checkSave(snapshot);
    checkStorable(snapshot);
    String operation = "save of " + snapshot.describe();
    if (guard.retention().isUnlimited()) {
      update(operation, handle -> bindSnapshot(handle.createUpdate(sql.upsert()), snapshot).execute());
    } else {
      update(operation, handle -> bindSnapshot(handle.createUpdate(sql.upsertRetained()), snapshot)
          .bind("lockSpace", lockSpace)
          .bind("lockKey", Keys.lockKey(snapshot.aggregateType(), snapshot.aggregateId()))
          .bind("keep", guard.retention().keep())
          .execute());
    }
  }

  private static Update bindSnapshot(Update update,
      Snapshot snapshot) {
    return update
        .bind("type", snapshot.aggregateType())
        .bind("id", snapshot.aggregateId())
        .bind("version", snapshot.version())
        .bind("payload", snapshot.payload())
        .bind("serializerId", snapshot.header().serializerId())
        .bind("codecId", snapshot.header().codecId())
        .bind("schemaRevision", snapshot.header().schemaRevision())
        .bind("metadata", MetadataCodec.encode(snapshot.metadata()))
        .bind("createdAt", timestamp(snapshot));
  }

  /** Bound as {@code timestamptz} by the driver itself, so microseconds and the instant survive any JVM zone. */
  private static Argument timestamp(Snapshot snapshot) {
    OffsetDateTime createdAt = OffsetDateTime.ofInstant(snapshot.createdAt(), ZoneOffset.UTC);
    return (position, statement, context) -> statement.setObject(position, createdAt);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    checkOpen();
    guard.checkSaveAll(snapshots);
    snapshots.forEach(PostgresSnapshotStore::checkStorable);
    if (snapshots.isEmpty()) {
      return;
    }
    // One INSERT ... ON CONFLICT may not touch a row twice: the last save of a key wins, as it would one by one.
    Map<List<Object>, Snapshot> lastByKey = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      lastByKey.put(List.of(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version()), snapshot);
    }
    List<Snapshot> batch = new ArrayList<>(lastByKey.values());
    // Every writer locks rows in the same order, so two batches cannot deadlock on each other.
    batch.sort(Comparator.comparing(Snapshot::aggregateType).thenComparing(Snapshot::aggregateId)
        .thenComparingLong(Snapshot::version));
    String operation = "saveAll of " + batch.size() + " snapshots";
    if (guard.retention().isUnlimited()) {
      update(operation, handle -> bindBatch(handle.createUpdate(sql.upsertBatch()), batch).execute());
    } else {
      TreeSet<Integer> lockKeys = new TreeSet<>();
      batch.forEach(snapshot -> lockKeys.add(Keys.lockKey(snapshot.aggregateType(), snapshot.aggregateId())));
      update(operation, handle -> bindBatch(handle.createUpdate(sql.upsertBatchRetained()), batch)
          .bind("lockSpace", lockSpace)
          .bind("lockKeys", array("int4", lockKeys.toArray(new Integer[0])))
          .bind("keep", guard.retention().keep())
          .execute());
    }
  }

  private static Update bindBatch(Update update,
      List<Snapshot> batch) {
    int size = batch.size();
    String[] types = new String[size];
    String[] ids = new String[size];
    Long[] versions = new Long[size];
    byte[][] payloads = new byte[size][];
    String[] serializerIds = new String[size];
    String[] codecIds = new String[size];
    Integer[] schemaRevisions = new Integer[size];
    String[] metadata = new String[size];
    String[] createdAts = new String[size];
    for (int i = 0; i < size; i++) {
      Snapshot snapshot = batch.get(i);
      types[i] = snapshot.aggregateType();
      ids[i] = snapshot.aggregateId();
      versions[i] = snapshot.version();
      payloads[i] = snapshot.payload();
      serializerIds[i] = snapshot.header().serializerId();
      codecIds[i] = snapshot.header().codecId();
      schemaRevisions[i] = snapshot.header().schemaRevision();
      metadata[i] = MetadataCodec.encode(snapshot.metadata());
      // ISO-8601 with 'Z', which PostgreSQL reads exactly; Keys.checkCreatedAt keeps the year in 1..9999.
      createdAts[i] = snapshot.createdAt().toString();
    }
    return update
        .bind("types", array("text", types))
        .bind("ids", array("text", ids))
        .bind("versions", array("int8", versions))
        .bind("payloads", array("bytea", payloads))
        .bind("serializerIds", array("text", serializerIds))
        .bind("codecIds", array("text", codecIds))
        .bind("schemaRevisions", array("int4", schemaRevisions))
        .bind("metadata", array("text", metadata))
        .bind("createdAts", array("text", createdAts));
  }

  private static Argument array(String elementType, Object[] elements) {
    return (position, statement, context) -> bindArray(statement, position, elementType, elements);
  }

  private static void bindArray(PreparedStatement statement, int position, String elementType, Object[] elements)
      throws SQLException {
    statement.setArray(position, statement.getConnection().createArrayOf(elementType, elements));
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    checkStorable(aggregateType, aggregateId);
    return call("loadLatest of " + aggregateType + "/" + aggregateId, handle -> handle.createQuery(sql.loadLatest())
        .bind("type", aggregateType)
        .bind("id", aggregateId)
        .map(new SnapshotRowMapper(aggregateType, aggregateId))
        .findFirst());
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    checkStorable(aggregateType, aggregateId);
    return call("loadAtOrBefore of " + aggregateType + "/" + aggregateId + "@" + version,
        handle -> handle.createQuery(sql.loadAtOrBefore())
            .bind("type", aggregateType)
            .bind("id", aggregateId)
            .bind("version", version)
            .map(new SnapshotRowMapper(aggregateType, aggregateId))
            .findFirst());
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    checkStorable(aggregateType, aggregateId);
    return call("history of " + aggregateType + "/" + aggregateId, handle -> handle.createQuery(sql.history())
        .bind("type", aggregateType)
        .bind("id", aggregateId)
        .map(new SnapshotRowMapper(aggregateType, aggregateId))
        .list());
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    checkStorable(aggregateType, aggregateId);
    update("delete of " + aggregateType + "/" + aggregateId + "@" + version, handle -> handle.createUpdate(sql.delete())
        .bind("type", aggregateType)
        .bind("id", aggregateId)
        .bind("version", version)
        .execute());
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    checkStorable(aggregateType, aggregateId);
    update("deleteStream of " + aggregateType + "/" + aggregateId, handle -> handle.createUpdate(sql.deleteStream())
        .bind("type", aggregateType)
        .bind("id", aggregateId)
        .execute());
  }

  @Override
  public void deleteAll(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    Keys.checkStorable(aggregateType, "aggregateType");
    update("deleteAll of " + aggregateType, handle -> handle.createUpdate(sql.deleteAll())
        .bind("type", aggregateType)
        .execute());
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    Keys.checkStorable(aggregateType, "aggregateType");
    return call("stats of " + aggregateType, handle -> handle.createQuery(sql.stats())
        .bind("type", aggregateType)
        .map((row, context) -> new SnapshotStats(row.getLong("streams"), row.getLong("snapshots"),
            row.getLong("payload_bytes")))
        .one());
  }

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
        throw new SnapshotStoreException("PostgreSQL connection pool did not close cleanly", e);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresSnapshotStore[" + sql.table() + ", " + guard.retention() + ", maxPayloadBytes="
        + guard.maxPayloadBytes() + (ownedPool != null ? ", own pool" : "") + "]";
  }

  private static void checkStorable(Snapshot snapshot) {
    checkStorable(snapshot.aggregateType(), snapshot.aggregateId());
    Keys.checkStorable(snapshot.header().serializerId(), "serializerId");
    Keys.checkStorable(snapshot.header().codecId(), "codecId");
    Keys.checkCreatedAt(snapshot.createdAt());
  }

  private static void checkStorable(String aggregateType, String aggregateId) {
    Keys.checkStorable(aggregateType, "aggregateType");
    Keys.checkStorable(aggregateId, "aggregateId");
  }

  private void checkOpen() {
    if (closed) {
      throw new SnapshotStoreException("PostgreSQL store " + sql.table() + " is closed");
    }
  }

  /**
   * Runs a write in autocommit, where the driver's implicit transaction spans the whole multi-statement
   * string. A data source that hands out connections with autocommit off gets the commit from here.
   */
  private void update(String operation, HandleCallback<Integer, SQLException> write) {
    call(operation, handle -> committed(handle, write));
  }

  private static <T> T committed(Handle handle, HandleCallback<T, SQLException> work) throws SQLException {
    Connection connection = handle.getConnection();
    if (connection.getAutoCommit()) {
      return work.withHandle(handle);
    }
    try {
      T result = work.withHandle(handle);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  private <T> T call(String operation, HandleCallback<T, SQLException> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.withHandle(work::withHandle);
      } catch (SQLException | RuntimeException e) {
        if (attempt < MAX_ATTEMPTS && Failures.isRetryable(e)) {
          continue;
        }
        throw Failures.translate(e, operation);
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable, Exception primary) {
    try {
      closeable.close();
    } catch (Exception e) {
      primary.addSuppressed(e);
    }
  }
}

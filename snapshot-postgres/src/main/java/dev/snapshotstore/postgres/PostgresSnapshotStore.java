package dev.snapshotstore.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.UnsafePayloads;
import dev.snapshotstore.postgres.internal.Failures;
import dev.snapshotstore.postgres.internal.Keys;
import dev.snapshotstore.postgres.internal.MetadataCodec;
import dev.snapshotstore.postgres.internal.OwnedPool;
import dev.snapshotstore.postgres.internal.SchemaManager;
import dev.snapshotstore.postgres.internal.SnapshotReader;
import dev.snapshotstore.postgres.internal.SnapshotSql;
import dev.snapshotstore.postgres.internal.Sql;
import dev.snapshotstore.postgres.internal.StatementTimeout;
import dev.snapshotstore.postgres.internal.UnitOfWork;

/**
 * Snapshots in one PostgreSQL table keyed by (aggregate type, aggregate id, version). Each save is one round trip
 * that upserts and applies retention; each load is one backward scan of the primary key with {@code LIMIT 1}.
 * Every call is plain JDBC on a statement text prepared once per store, so a load costs what the driver's own
 * call of the same statement costs.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);           // the caller's pool, closed by the caller
 * SnapshotStore store = PostgresSnapshotStore.create(pool,
 *     PostgresSnapshotStoreOptions.builder().retention(Retention.keepLast(3)).build());
 *
 * SnapshotStore owning = PostgresSnapshotStore.open("postgresql://app:secret@db/app?sslmode=verify-full");
 * }</pre>
 */
public final class PostgresSnapshotStore extends AbstractSnapshotStore {

  /**
   * The longest aggregate type and id, in UTF-16 chars. At 3 UTF-8 bytes per char, type + id + version of one
   * key stay below PostgreSQL's 2704-byte limit for a B-tree index entry, whatever the text.
   */
  public static final int MAX_KEY_LENGTH = 400;

  /** Sorts below every type and id, none of which is empty: where the first page and the first purge start. */
  private static final String BEFORE_ALL = "";

  private final PostgresSnapshotStoreOptions options;
  private final SnapshotSql sql;
  private final UnitOfWork work;
  private final long lockSeed;
  /** Versions kept per stream, or 0 for all of them. */
  private final int keep;
  private final StatementTimeout timeout;
  private final @Nullable AutoCloseable ownedPool;

  private PostgresSnapshotStore(DataSource dataSource, PostgresSnapshotStoreOptions options, StatementTimeout timeout,
      @Nullable AutoCloseable ownedPool) {
    super(Failures.BACKEND, options.common().limits(MAX_KEY_LENGTH), options.retryPolicy(), Failures.INSTANCE);
    this.options = options;
    this.timeout = timeout;
    this.ownedPool = ownedPool;
    this.sql = new SnapshotSql(options.schema(), options.table());
    this.work = new UnitOfWork(dataSource, timeout);
    this.lockSeed = Keys.lockSeed(sql.table());
    this.keep = options.retention().isUnlimited() ? 0 : options.retention().keep();
    try {
      execute("schema check of " + sql.table(), () -> {
        SchemaManager.prepare(work, sql, options.createSchema());
        return null;
      });
    } catch (RuntimeException e) {
      timeout.close();
      throw e;
    }
  }

  /**
   * A store that opens and owns its connection pool, closed by {@link #close()}: {@code postgresql://user:password@
   * host:5432/db?options}, {@code postgres://...} or {@code jdbc:postgresql://host/db?user=...&password=...&options}.
   * Options are the shared ones of {@link dev.snapshotstore.api.spi.CommonOptions}, the store's own
   * ({@code schema}, {@code table}, {@code createSchema}) and any the PostgreSQL driver knows ({@code sslmode},
   * {@code sslrootcert}, {@code ApplicationName}...). A bad URI is a
   * {@link dev.snapshotstore.api.SnapshotConfigurationException} whose message never holds the password.
   */
  public static PostgresSnapshotStore open(String uri) {
    OwnedPool pool = OwnedPool.open(uri);
    try {
      return new PostgresSnapshotStore(pool.dataSource(), pool.options(), StatementTimeout.byServer(), pool);
    } catch (RuntimeException e) {
      try {
        pool.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** A store with {@link PostgresSnapshotStoreOptions#defaults() default options} on the caller's data source. */
  public static PostgresSnapshotStore create(DataSource dataSource) {
    return create(dataSource, PostgresSnapshotStoreOptions.defaults());
  }

  /**
   * A store on the caller's data source, which the store never closes. Creates or checks the table at once, so a
   * missing table or an unreachable server fails here rather than on the first save. The data source may hand out
   * connections with autocommit on or off; in either case each write is its own unit of work (see the module
   * README, "Transactions").
   */
  public static PostgresSnapshotStore create(DataSource dataSource, PostgresSnapshotStoreOptions options) {
    Arguments.checkNotNull(dataSource, "dataSource");
    Arguments.checkNotNull(options, "options");
    return new PostgresSnapshotStore(dataSource, options, StatementTimeout.byWatchdog(options.operationTimeout()), null);
  }

  public PostgresSnapshotStoreOptions options() {
    return options;
  }

  // ------------------------------------------------------------------------------------------------ writes

  @Override
  protected void doSave(Snapshot snapshot) {
    String operation = "save of " + snapshot.describe();
    Sql statement = keep == 0 ? sql.upsert() : sql.upsertRetained();
    Row row = new Row(snapshot);
    long lockKey = keep == 0 ? 0 : Keys.lockKey(lockSeed, snapshot.aggregateType(), snapshot.aggregateId());
    execute(operation, () -> work.write(operation, call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindRow(prepared, statement, row, lockKey);
        prepared.execute();
      }
      return null;
    }));
  }

  @Override
  protected void doSaveAll(List<Snapshot> snapshots) {
    // One INSERT ... ON CONFLICT may not touch a row twice: the last save of a key wins, as it would one by one.
    Map<Key, Snapshot> lastByKey = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      lastByKey.put(new Key(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version()), snapshot);
    }
    List<Snapshot> batch = new ArrayList<>(lastByKey.values());
    batch.sort(Comparator.comparing(Snapshot::aggregateType).thenComparing(Snapshot::aggregateId)
        .thenComparingLong(Snapshot::version));
    List<List<Snapshot>> chunks = chunks(batch, options.saveBatchSnapshots(), options.saveBatchBytes());
    for (int i = 0; i < chunks.size(); i++) {
      List<Snapshot> chunk = chunks.get(i);
      String operation = "saveAll of " + batch.size() + " snapshots"
          + (chunks.size() == 1 ? "" : " (statement " + (i + 1) + " of " + chunks.size() + ")");
      execute(operation, () -> work.write(operation, call -> {
        saveChunk(call, chunk);
        return null;
      }));
    }
  }

  /**
   * Consecutive runs of at most {@code maxSnapshots} snapshots and {@code maxBytes} payload bytes (a larger
   * snapshot alone): one statement each, so no batch can outgrow PostgreSQL's 1 GB limit on one value or message,
   * nor hold more advisory locks at once than the server's shared lock table spares.
   */
  static List<List<Snapshot>> chunks(List<Snapshot> batch, int maxSnapshots, int maxBytes) {
    List<List<Snapshot>> chunks = new ArrayList<>();
    List<Snapshot> current = new ArrayList<>();
    long bytes = 0;
    for (Snapshot snapshot : batch) {
      if (!current.isEmpty() && (current.size() == maxSnapshots || bytes + snapshot.payloadSize() > maxBytes)) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(snapshot);
      bytes += snapshot.payloadSize();
    }
    chunks.add(current);
    return chunks;
  }

  private void saveChunk(UnitOfWork.Call call, List<Snapshot> chunk) throws SQLException {
    int size = chunk.size();
    String[] types = new String[size];
    String[] ids = new String[size];
    Long[] versions = new Long[size];
    byte[][] payloads = new byte[size][];
    String[] serializerIds = new String[size];
    String[] codecIds = new String[size];
    Integer[] schemaRevisions = new Integer[size];
    String[] metadata = new String[size];
    String[] createdAts = new String[size];
    long[] lockKeys = new long[size];
    for (int i = 0; i < size; i++) {
      Snapshot snapshot = chunk.get(i);
      types[i] = snapshot.aggregateType();
      ids[i] = snapshot.aggregateId();
      versions[i] = snapshot.version();
      payloads[i] = UnsafePayloads.array(snapshot);
      serializerIds[i] = snapshot.header().serializerId();
      codecIds[i] = snapshot.header().codecId();
      schemaRevisions[i] = snapshot.header().schemaRevision();
      metadata[i] = MetadataCodec.encode(snapshot.metadata());
      // ISO-8601 with 'Z', which PostgreSQL reads exactly; Snapshot keeps the year within 1..9999.
      createdAts[i] = snapshot.createdAt().toString();
      lockKeys[i] = Keys.lockKey(lockSeed, snapshot.aggregateType(), snapshot.aggregateId());
    }
    // Every writer takes the locks of its streams in one order (ascending keys), so two batches cannot deadlock.
    Long[] sortedLockKeys = Arrays.stream(lockKeys).sorted().distinct().boxed().toArray(Long[]::new);
    Sql statement = keep == 0 ? sql.upsertBatch() : sql.upsertBatchRetained();
    Connection connection = call.connection();
    try (PreparedStatement prepared = call.prepare(statement)) {
      for (int index = 1; index <= statement.count(); index++) {
        switch (statement.parameter(index)) {
          case TYPES -> prepared.setArray(index, connection.createArrayOf("text", types));
          case IDS -> prepared.setArray(index, connection.createArrayOf("text", ids));
          case VERSIONS -> prepared.setArray(index, connection.createArrayOf("int8", versions));
          case PAYLOADS -> prepared.setArray(index, connection.createArrayOf("bytea", payloads));
          case SERIALIZER_IDS -> prepared.setArray(index, connection.createArrayOf("text", serializerIds));
          case CODEC_IDS -> prepared.setArray(index, connection.createArrayOf("text", codecIds));
          case SCHEMA_REVISIONS -> prepared.setArray(index, connection.createArrayOf("int4", schemaRevisions));
          case METADATAS -> prepared.setArray(index, connection.createArrayOf("text", metadata));
          case CREATED_ATS -> prepared.setArray(index, connection.createArrayOf("text", createdAts));
          case LOCK_KEYS -> prepared.setArray(index, connection.createArrayOf("int8", sortedLockKeys));
          case KEEP -> prepared.setInt(index, keep);
          default -> throw unbound(statement, index);
        }
      }
      prepared.execute();
    }
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    String operation = "delete of " + aggregateType + "/" + aggregateId + "@" + version;
    update(operation, sql.delete(), aggregateType, aggregateId, version);
  }

  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    update("deleteStream of " + aggregateType + "/" + aggregateId, sql.deleteStream(), aggregateType, aggregateId, 0);
  }

  /**
   * Batches of at most {@code purgeBatchRows} rows, each its own statement and transaction, walking the primary key
   * from where the last one stopped: locks are held for one batch only, so other writers (of this type too) wait
   * at most that long, and no statement runs into the timeout however large the type is.
   */
  @Override
  protected void doDeleteAll(String aggregateType) {
    String operation = "deleteAll of " + aggregateType;
    Sql statement = sql.purgeBatch();
    int batchRows = options.purgeBatchRows();
    String afterId = BEFORE_ALL;
    long afterVersion = -1;
    while (true) {
      String fromId = afterId;
      long fromVersion = afterVersion;
      PurgedBatch purged = execute(operation, () -> work.write(operation, call -> {
        try (PreparedStatement prepared = call.prepare(statement)) {
          bindKey(prepared, statement, aggregateType, null, 0, batchRows, null, fromId, fromVersion);
          try (ResultSet row = prepared.executeQuery()) {
            return row.next() ? new PurgedBatch(row.getString(1), row.getLong(2), row.getLong(3)) : null;
          }
        }
      }));
      if (purged == null || purged.found() < batchRows) {
        return;
      }
      afterId = purged.lastId();
      afterVersion = purged.lastVersion();
    }
  }

  private record PurgedBatch(String lastId, long lastVersion, long found) {}

  private void update(String operation, Sql statement, String aggregateType, String aggregateId, long version) {
    execute(operation, () -> work.write(operation, call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindKey(prepared, statement, aggregateType, aggregateId, version, 0, null, null, 0);
        return prepared.executeUpdate();
      }
    }));
  }

  // ------------------------------------------------------------------------------------------------- reads

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    return loadOne("loadLatest of " + aggregateType + "/" + aggregateId, sql.loadLatest(), aggregateType, aggregateId,
        0);
  }

  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return loadOne("loadAtOrBefore of " + aggregateType + "/" + aggregateId + "@" + version, sql.loadAtOrBefore(),
        aggregateType, aggregateId, version);
  }

  private Optional<Snapshot> loadOne(String operation, Sql statement, String aggregateType, String aggregateId,
      long version) {
    return execute(operation, () -> work.read(call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindKey(prepared, statement, aggregateType, aggregateId, version, 0, null, null, 0);
        try (ResultSet row = prepared.executeQuery()) {
          return row.next() ? Optional.of(SnapshotReader.read(row, aggregateType, aggregateId)) : Optional.empty();
        }
      }
    }));
  }

  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    Sql statement = sql.history();
    return execute("history of " + aggregateType + "/" + aggregateId, () -> work.read(call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindKey(prepared, statement, aggregateType, aggregateId, 0, limit, null, null, 0);
        try (ResultSet rows = prepared.executeQuery()) {
          List<Snapshot> history = new ArrayList<>();
          while (rows.next()) {
            history.add(SnapshotReader.read(rows, aggregateType, aggregateId));
          }
          return history;
        }
      }
    }));
  }

  @Override
  protected SnapshotStats doStats(String aggregateType) {
    Sql statement = sql.stats();
    return execute("stats of " + aggregateType, () -> work.read(call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindKey(prepared, statement, aggregateType, null, 0, 0, null, null, 0);
        try (ResultSet row = prepared.executeQuery()) {
          row.next();
          return new SnapshotStats(row.getLong(1), row.getLong(2), row.getLong(3));
        }
      }
    }));
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    return list("listTypes", sql.listTypes(), null, page);
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    return list("listStreams of " + aggregateType, sql.listStreams(), aggregateType, page);
  }

  /** One more row than the page holds says whether another page follows; the cursor is the page's last key. */
  private Page<String> list(String operation, Sql statement, @Nullable String aggregateType, PageRequest page) {
    String cursor = page.cursor() == null ? BEFORE_ALL : page.cursor();
    List<String> found = execute(operation, () -> work.read(call -> {
      try (PreparedStatement prepared = call.prepare(statement)) {
        bindKey(prepared, statement, aggregateType, null, 0, page.limit() + 1, cursor, null, 0);
        try (ResultSet rows = prepared.executeQuery()) {
          List<String> keys = new ArrayList<>(Math.min(page.limit() + 1, 1_024));
          while (rows.next()) {
            keys.add(rows.getString(1));
          }
          return keys;
        }
      }
    }));
    if (found.size() <= page.limit()) {
      return Page.last(found);
    }
    List<String> items = found.subList(0, page.limit());
    return new Page<>(items, items.get(items.size() - 1));
  }

  // -------------------------------------------------------------------------------------------- the rest

  @Override
  protected void doClose() {
    timeout.close();
    if (ownedPool != null) {
      try {
        ownedPool.close();
      } catch (Exception e) {
        throw new SnapshotStoreException("PostgreSQL connection pool of " + sql.table() + " did not close cleanly", e);
      }
    }
  }

  @Override
  public String toString() {
    return "PostgresSnapshotStore[" + sql.table() + ", " + options.retention() + ", maxPayloadBytes="
        + options.maxPayloadBytes() + (ownedPool != null ? ", own pool" : ", caller's pool") + "]";
  }

  /** A snapshot's columns as the driver binds them: the payload array itself, never a copy. */
  private record Row(Snapshot snapshot, byte[] payload, String metadata, OffsetDateTime createdAt) {
    Row(Snapshot snapshot) {
      this(snapshot, UnsafePayloads.array(snapshot), MetadataCodec.encode(snapshot.metadata()),
          OffsetDateTime.ofInstant(snapshot.createdAt(), ZoneOffset.UTC));
    }
  }

  private record Key(String aggregateType, String aggregateId, long version) {}

  private void bindRow(PreparedStatement prepared, Sql statement, Row row, long lockKey) throws SQLException {
    Snapshot snapshot = row.snapshot();
    for (int index = 1; index <= statement.count(); index++) {
      switch (statement.parameter(index)) {
        case TYPE -> prepared.setString(index, snapshot.aggregateType());
        case ID -> prepared.setString(index, snapshot.aggregateId());
        case VERSION -> prepared.setLong(index, snapshot.version());
        case PAYLOAD -> prepared.setBytes(index, row.payload());
        case SERIALIZER_ID -> prepared.setString(index, snapshot.header().serializerId());
        case CODEC_ID -> prepared.setString(index, snapshot.header().codecId());
        case SCHEMA_REVISION -> prepared.setInt(index, snapshot.header().schemaRevision());
        case METADATA -> prepared.setString(index, row.metadata());
        // bound as timestamptz by the driver itself, so microseconds and the instant survive any JVM zone
        case CREATED_AT -> prepared.setObject(index, row.createdAt());
        case LOCK_KEY -> prepared.setLong(index, lockKey);
        case KEEP -> prepared.setInt(index, keep);
        default -> throw unbound(statement, index);
      }
    }
  }

  private static void bindKey(PreparedStatement prepared, Sql statement, @Nullable String aggregateType,
      @Nullable String aggregateId, long version, int limit, @Nullable String cursor, @Nullable String afterId,
      long afterVersion) throws SQLException {
    for (int index = 1; index <= statement.count(); index++) {
      switch (statement.parameter(index)) {
        case TYPE -> prepared.setString(index, aggregateType);
        case ID -> prepared.setString(index, aggregateId);
        case VERSION -> prepared.setLong(index, version);
        case LIMIT -> prepared.setInt(index, limit);
        case CURSOR -> prepared.setString(index, cursor);
        case AFTER_ID -> prepared.setString(index, afterId);
        case AFTER_VERSION -> prepared.setLong(index, afterVersion);
        default -> throw unbound(statement, index);
      }
    }
  }

  private static IllegalStateException unbound(Sql statement, int index) {
    return new IllegalStateException("no value for :" + statement.parameter(index).sqlName() + " in " + statement.named());
  }
}

package dev.snapshotstore.sqlserver.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.spi.UnsafePayloads;

/**
 * Every SQL text the store sends, in one place so that it can be checked without a server. Table names are
 * validated and bracket-quoted here; every value is a positional parameter.
 *
 * <p>Every write starts with {@link #REFUSE_OPEN_TRANSACTION}, so the store never writes inside a transaction it
 * did not start (see {@link UnitOfWork}). A write of more than one statement (the stream lock, the upsert and
 * the prune) is one transaction under {@code SET XACT_ABORT ON}: any error or a client timeout rolls all of it
 * back, so a caller that sees a failure never has a stored snapshot beside an unpruned history. On a connection in autocommit
 * the batch begins and commits that transaction itself ({@code explicitTransaction}); on one with autocommit
 * off (the driver's implicit transactions) the store commits after the batch.
 */
public final class SqlServerDialect {

  /** The longest aggregate type or id the store accepts, in UTF-16 code units (Java {@code String.length()}). */
  public static final int MAX_KEY_LENGTH = 200;

  /** Key column width: one more than {@link #MAX_KEY_LENGTH} for the {@link StoredKey} marker. */
  public static final int KEY_COLUMN_LENGTH = MAX_KEY_LENGTH + 1;

  /** 2 NVARCHAR key columns at 2 bytes a character, plus the BIGINT version: under SQL Server's 900-byte limit. */
  public static final int MAX_CLUSTERED_KEY_BYTES = 2 * KEY_COLUMN_LENGTH * 2 + 8;

  /**
   * SQL Server accepts at most 2,100 parameters per request: 150 rows of 9, plus 2 per stream for the lock and
   * 2 for the prune and the retention count, stay below it even when every row is its own stream (1,951).
   */
  public static final int MAX_ROWS_PER_BATCH = 150;

  /**
   * The most payload and metadata bytes one saveAll round trip carries (a single larger snapshot goes alone):
   * keeps each request, and the transaction-log work of each transaction, bounded whatever the payload sizes,
   * while batches of small snapshots still fill their 150 rows.
   */
  public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

  /**
   * Rows one {@code DELETE TOP} of deleteAll removes: well below the 5,000 locks at which SQL Server escalates a
   * statement's row locks to a lock on the whole table, leaving room for the page locks the delete also takes.
   */
  public static final int DELETE_BATCH_ROWS = 2_500;

  public static final String KEY_COLLATION = "Latin1_General_100_BIN2";

  /** The text of the error a write raises, instead of writing, inside a transaction the store did not start. */
  public static final String OPEN_TRANSACTION_MARKER = "snapshot-store refuses to write inside a transaction it did not start";

  /**
   * The first statement of every write. RAISERROR rather than THROW: THROW honours the session's XACT_ABORT and
   * would roll back the caller's transaction, which is not ours to end.
   */
  public static final String REFUSE_OPEN_TRANSACTION =
      "IF @@TRANCOUNT > 0 BEGIN RAISERROR(N'" + OPEN_TRANSACTION_MARKER + "', 16, 1); RETURN; END;\n";

  static final String SNAPSHOT_COLUMNS =
      "aggregate_type, aggregate_id, version, payload, serializer_id, codec_id, schema_revision, metadata, created_at";

  private static final String SELECT_COLUMNS = "version, payload, serializer_id, codec_id, schema_revision, metadata, "
      + "DATEDIFF_BIG(MICROSECOND, CAST('1970-01-01' AS DATETIME2(6)), created_at) AS created_at_micros";

  private static final String SOURCE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, CONVERT(DATETIME2(6), ?, 126))";

  /** What a row costs in a batch besides its payload and metadata: keys, header, timestamp, framing. */
  private static final int ROW_OVERHEAD_BYTES = 256;

  /** Type, id and version in the order of the clustered key, so that every writer locks rows in one order. */
  private static final Comparator<Snapshot> KEY_ORDER = Comparator
      .comparing((Snapshot snapshot) -> StoredKey.encode(snapshot.aggregateType()), StoredKey.ORDER)
      .thenComparing(snapshot -> StoredKey.encode(snapshot.aggregateId()), StoredKey.ORDER)
      .thenComparingLong(Snapshot::version);

  private final String schema;
  private final String table;
  private final String qualifiedTable;

  public SqlServerDialect(String schema, String table) {
    this.schema = Identifiers.check(schema, "schema");
    this.table = Identifiers.check(table, "table");
    this.qualifiedTable = Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  public String schema() {
    return schema;
  }

  public String table() {
    return table;
  }

  /** {@code [schema].[table]}. */
  public String qualifiedTable() {
    return qualifiedTable;
  }

  // --------------------------------------------------------------------------------------------- schema

  /** The CREATE TABLE statement; for the default names it is exactly the shipped {@code schema.sql}. */
  public String createTable() {
    return "CREATE TABLE " + qualifiedTable + " (\n"
        + "  aggregate_type  NVARCHAR(" + KEY_COLUMN_LENGTH + ") COLLATE " + KEY_COLLATION + " NOT NULL,\n"
        + "  aggregate_id    NVARCHAR(" + KEY_COLUMN_LENGTH + ") COLLATE " + KEY_COLLATION + " NOT NULL,\n"
        + "  version         BIGINT          NOT NULL,\n"
        + "  payload         VARBINARY(MAX)  NOT NULL,\n"
        + "  serializer_id   NVARCHAR(64)    NOT NULL,\n"
        + "  codec_id        NVARCHAR(64)    NOT NULL,\n"
        + "  schema_revision INT             NOT NULL,\n"
        + "  metadata        NVARCHAR(MAX)   NOT NULL,\n"
        + "  created_at      DATETIME2(6)    NOT NULL,\n"
        + "  CONSTRAINT " + Identifiers.quote(table + "_pk")
        + " PRIMARY KEY CLUSTERED (aggregate_type, aggregate_id, version)\n"
        + ");\n";
  }

  /**
   * Creates the schema and the table when they are missing; concurrent openers may still race (error 2714).
   * CREATE SCHEMA must be alone in its batch, hence the EXEC.
   */
  public SqlCommand createIfMissing() {
    return new SqlCommand(REFUSE_OPEN_TRANSACTION
        + "IF SCHEMA_ID(N'" + schema + "') IS NULL EXEC(N'CREATE SCHEMA " + Identifiers.quote(schema) + "');\n"
        + "IF OBJECT_ID(N'" + qualifiedTable + "', N'U') IS NULL\n"
        + createTable(), List.of());
  }

  /** The table's columns, for {@link TableShape}. */
  public SqlCommand describeTable() {
    return new SqlCommand("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, COLLATION_NAME"
        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
        List.of(SqlParam.text(schema), SqlParam.text(table)));
  }

  // --------------------------------------------------------------------------------------------- writes

  /**
   * A saveAll batch in round trips: a version given twice keeps its last occurrence (what saving them one by one
   * leaves, and one MERGE must not touch a row twice); rows sorted by (type, id, version) in the index's order,
   * so that two batches over the same streams lock them in the same order and cannot deadlock each other; then
   * cut into chunks of at most {@link #MAX_ROWS_PER_BATCH} rows and {@link #MAX_BATCH_BYTES} bytes.
   */
  public static List<List<Snapshot>> saveAllChunks(List<Snapshot> snapshots) {
    Map<List<Object>, Snapshot> lastByKey = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      lastByKey.put(List.of(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version()), snapshot);
    }
    List<Snapshot> sorted = new ArrayList<>(lastByKey.values());
    sorted.sort(KEY_ORDER);
    List<List<Snapshot>> chunks = new ArrayList<>();
    List<Snapshot> chunk = new ArrayList<>();
    long chunkBytes = 0;
    for (Snapshot snapshot : sorted) {
      long bytes = batchBytes(snapshot);
      if (!chunk.isEmpty() && (chunk.size() == MAX_ROWS_PER_BATCH || chunkBytes + bytes > MAX_BATCH_BYTES)) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        chunkBytes = 0;
      }
      chunk.add(snapshot);
      chunkBytes += bytes;
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  /** What one snapshot adds to a batch: payload, metadata (sent as UTF-16, at most twice its UTF-8) and the rest. */
  static long batchBytes(Snapshot snapshot) {
    return (long) snapshot.payloadSize() + 2L * snapshot.metadataSize() + ROW_OVERHEAD_BYTES;
  }

  /**
   * The upsert of some rows (one chunk of {@link #saveAllChunks}, in its order), then the retention prune of
   * every stream they touch, as one unit: see the class comment for {@code explicitTransaction}.
   */
  public SqlCommand upsert(List<Snapshot> rows, Retention retention, boolean explicitTransaction) {
    List<SqlParam> params = new ArrayList<>();
    boolean prune = !retention.isUnlimited();
    Set<List<String>> streams = new LinkedHashSet<>();
    for (Snapshot row : rows) {
      streams.add(List.of(StoredKey.encode(row.aggregateType()), StoredKey.encode(row.aggregateId())));
    }
    StringBuilder sql = new StringBuilder(REFUSE_OPEN_TRANSACTION);
    if (prune) {
      sql.append("SET XACT_ABORT ON;\n");
      if (explicitTransaction) {
        sql.append("BEGIN TRANSACTION;\n");
      }
      // Writers of one stream take turns from here to the commit: without this, two saves of one stream would
      // each hold their new row and wait for the other's in the prune (a deadlock). Rows come in key order, so
      // batches over the same streams lock them in one order.
      sql.append("DECLARE @locked BIGINT;\n")
          .append("SELECT @locked = COUNT_BIG(*) FROM ").append(qualifiedTable).append(" WITH (UPDLOCK, HOLDLOCK)\n")
          .append("  WHERE ").append(streamPredicate(streams, params)).append(";\n");
    }
    sql.append("MERGE INTO ").append(qualifiedTable).append(" WITH (HOLDLOCK) AS target\n").append("USING (VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      Snapshot row = rows.get(i);
      sql.append(i == 0 ? "" : ", ").append(SOURCE_ROW);
      params.add(SqlParam.text(StoredKey.encode(row.aggregateType())));
      params.add(SqlParam.text(StoredKey.encode(row.aggregateId())));
      params.add(SqlParam.int64(row.version()));
      params.add(SqlParam.bytes(UnsafePayloads.array(row)));
      params.add(SqlParam.text(row.header().serializerId()));
      params.add(SqlParam.text(row.header().codecId()));
      params.add(SqlParam.int32(row.header().schemaRevision()));
      params.add(SqlParam.text(MetadataJson.write(row.metadata())));
      params.add(SqlParam.text(CreatedAt.toIsoText(row.createdAt())));
    }
    sql.append(")\n  AS source (").append(SNAPSHOT_COLUMNS).append(")\n")
        .append("ON target.aggregate_type = source.aggregate_type AND target.aggregate_id = source.aggregate_id")
        .append(" AND target.version = source.version\n")
        .append("WHEN MATCHED THEN UPDATE SET payload = source.payload, serializer_id = source.serializer_id,")
        .append(" codec_id = source.codec_id, schema_revision = source.schema_revision, metadata = source.metadata,")
        .append(" created_at = source.created_at\n")
        .append("WHEN NOT MATCHED THEN INSERT (").append(SNAPSHOT_COLUMNS).append(")\n")
        .append("  VALUES (source.aggregate_type, source.aggregate_id, source.version, source.payload,")
        .append(" source.serializer_id, source.codec_id, source.schema_revision, source.metadata, source.created_at);\n");
    if (prune) {
      sql.append("WITH ranked AS (\n")
          .append("  SELECT version, ROW_NUMBER() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY version DESC)")
          .append(" AS recency\n")
          .append("  FROM ").append(qualifiedTable).append("\n  WHERE ").append(streamPredicate(streams, params))
          .append("\n)\nDELETE FROM ranked WHERE recency > ?;");
      params.add(SqlParam.int32(retention.keep()));
      if (explicitTransaction) {
        sql.append("\nCOMMIT TRANSACTION;");
      }
    }
    return new SqlCommand(sql.toString(), params);
  }

  /** {@code (aggregate_type = ? AND aggregate_id = ?) OR ...} for stored keys, binding them in order. */
  private static String streamPredicate(Set<List<String>> streams, List<SqlParam> params) {
    StringBuilder predicate = new StringBuilder();
    for (List<String> stream : streams) {
      predicate.append(predicate.length() == 0 ? "" : " OR ").append("(aggregate_type = ? AND aggregate_id = ?)");
      params.add(SqlParam.text(stream.get(0)));
      params.add(SqlParam.text(stream.get(1)));
    }
    return predicate.toString();
  }

  public SqlCommand delete(String aggregateType, String aggregateId, long version) {
    return new SqlCommand(REFUSE_OPEN_TRANSACTION + "DELETE FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? AND version = ?;",
        streamParams(aggregateType, aggregateId, version));
  }

  public SqlCommand deleteStream(String aggregateType, String aggregateId) {
    return new SqlCommand(REFUSE_OPEN_TRANSACTION + "DELETE FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ?;", streamParams(aggregateType, aggregateId));
  }

  /**
   * One batch of deleteAll: at most {@link #DELETE_BATCH_ROWS} rows of the type, in its own statement (and
   * transaction); the store repeats it until a batch deletes fewer, so no statement escalates to a table lock.
   */
  public SqlCommand deleteAllBatch(String aggregateType) {
    return new SqlCommand(REFUSE_OPEN_TRANSACTION + "DELETE TOP (?) FROM " + qualifiedTable
        + " WHERE aggregate_type = ?;",
        List.of(SqlParam.int32(DELETE_BATCH_ROWS), SqlParam.text(StoredKey.encode(aggregateType))));
  }

  // ---------------------------------------------------------------------------------------------- reads

  public SqlCommand loadLatest(String aggregateType, String aggregateId) {
    return new SqlCommand("SELECT TOP 1 " + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC", streamParams(aggregateType, aggregateId));
  }

  public SqlCommand loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return new SqlCommand("SELECT TOP 1 " + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? AND version <= ? ORDER BY version DESC",
        streamParams(aggregateType, aggregateId, version));
  }

  /** The {@code limit} newest versions, newest first; {@link Integer#MAX_VALUE} for all of them. */
  public SqlCommand history(String aggregateType, String aggregateId, int limit) {
    List<SqlParam> params = new ArrayList<>();
    String top = "";
    if (limit != Integer.MAX_VALUE) {
      top = "TOP (?) ";
      params.add(SqlParam.int32(limit));
    }
    params.addAll(streamParams(aggregateType, aggregateId));
    return new SqlCommand("SELECT " + top + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC", params);
  }

  /** Streams, snapshots and payload bytes of one type, columns in that order. */
  public SqlCommand stats(String aggregateType) {
    return new SqlCommand("SELECT COUNT_BIG(DISTINCT aggregate_id) AS streams, COUNT_BIG(*) AS snapshots,"
        + " COALESCE(SUM(DATALENGTH(payload)), 0) AS payload_bytes FROM " + qualifiedTable + " WHERE aggregate_type = ?",
        List.of(SqlParam.text(StoredKey.encode(aggregateType))));
  }

  /**
   * Up to {@code rows} distinct stored types after {@code cursor} (a stored type; {@code null} for the first
   * page), in the key column's order. See {@link #listStreams} for the form.
   */
  public SqlCommand listTypes(@Nullable String cursor, int rows) {
    List<SqlParam> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder()
        .append("WITH listed (aggregate_type, key_depth) AS (\n")
        .append("  SELECT first_key.aggregate_type, 1 FROM (\n")
        .append("    SELECT TOP (1) aggregate_type FROM ").append(qualifiedTable);
    if (cursor != null) {
      sql.append(" WHERE aggregate_type > ?");
      params.add(SqlParam.text(cursor));
    }
    sql.append(" ORDER BY aggregate_type\n")
        .append("  ) AS first_key\n")
        .append("  UNION ALL\n")
        .append("  SELECT next_key.aggregate_type, next_key.key_depth FROM (\n")
        .append("    SELECT later.aggregate_type, listed.key_depth + 1 AS key_depth,")
        .append(" ROW_NUMBER() OVER (ORDER BY later.aggregate_type) AS key_rank\n")
        .append("    FROM ").append(qualifiedTable).append(" AS later")
        .append(" INNER JOIN listed ON later.aggregate_type > listed.aggregate_type\n")
        .append("    WHERE listed.key_depth < ?\n")
        .append("  ) AS next_key WHERE next_key.key_rank = 1\n")
        .append(")\n")
        .append("SELECT aggregate_type FROM listed ORDER BY key_depth OPTION (MAXRECURSION 0)");
    params.add(SqlParam.int32(rows));
    return new SqlCommand(sql.toString(), params);
  }

  /**
   * Up to {@code rows} distinct stored ids of one type after {@code cursor} (a stored id; {@code null} for the
   * first page), in the key column's order. A loose index scan: each step is one seek on the clustered key for
   * the next greater id, so a page costs {@code rows} seeks however many versions each stream keeps. The
   * recursive step finds "the next key" with {@code ROW_NUMBER() ... = 1}, since SQL Server allows no TOP
   * there; the optimizer turns it into a TOP 1 over an ordered seek. The depth bound stops the recursion at
   * {@code rows} keys whatever the plan.
   */
  public SqlCommand listStreams(String aggregateType, @Nullable String cursor, int rows) {
    List<SqlParam> params = new ArrayList<>();
    String storedType = StoredKey.encode(aggregateType);
    StringBuilder sql = new StringBuilder()
        .append("WITH listed (aggregate_id, key_depth) AS (\n")
        .append("  SELECT first_key.aggregate_id, 1 FROM (\n")
        .append("    SELECT TOP (1) aggregate_id FROM ").append(qualifiedTable).append(" WHERE aggregate_type = ?");
    params.add(SqlParam.text(storedType));
    if (cursor != null) {
      sql.append(" AND aggregate_id > ?");
      params.add(SqlParam.text(cursor));
    }
    sql.append(" ORDER BY aggregate_id\n")
        .append("  ) AS first_key\n")
        .append("  UNION ALL\n")
        .append("  SELECT next_key.aggregate_id, next_key.key_depth FROM (\n")
        .append("    SELECT later.aggregate_id, listed.key_depth + 1 AS key_depth,")
        .append(" ROW_NUMBER() OVER (ORDER BY later.aggregate_id) AS key_rank\n")
        .append("    FROM ").append(qualifiedTable).append(" AS later")
        .append(" INNER JOIN listed ON later.aggregate_id > listed.aggregate_id\n")
        .append("    WHERE later.aggregate_type = ? AND listed.key_depth < ?\n")
        .append("  ) AS next_key WHERE next_key.key_rank = 1\n")
        .append(")\n")
        .append("SELECT aggregate_id FROM listed ORDER BY key_depth OPTION (MAXRECURSION 0)");
    params.add(SqlParam.text(storedType));
    params.add(SqlParam.int32(rows));
    return new SqlCommand(sql.toString(), params);
  }

  private static List<SqlParam> streamParams(String aggregateType, String aggregateId) {
    return List.of(SqlParam.text(StoredKey.encode(aggregateType)), SqlParam.text(StoredKey.encode(aggregateId)));
  }

  private static List<SqlParam> streamParams(String aggregateType, String aggregateId, long version) {
    return List.of(SqlParam.text(StoredKey.encode(aggregateType)), SqlParam.text(StoredKey.encode(aggregateId)),
        SqlParam.int64(version));
  }
}

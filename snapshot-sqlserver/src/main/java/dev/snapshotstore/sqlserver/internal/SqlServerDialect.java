package dev.snapshotstore.sqlserver.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;

/**
 * Every SQL text the store sends, in one place so that it can be checked without a server. Table names are
 * validated and bracket-quoted here; every value is a positional parameter.
 */
public final class SqlServerDialect {

  /** The longest aggregate type or id the store accepts, in UTF-16 code units (Java {@code String.length()}). */
  public static final int MAX_KEY_LENGTH = 200;

  /** Key column width: one more than {@link #MAX_KEY_LENGTH} for the {@link StoredKey} marker. */
  public static final int KEY_COLUMN_LENGTH = MAX_KEY_LENGTH + 1;

  /** 2 NVARCHAR key columns at 2 bytes a character, plus the BIGINT version: under SQL Server's 900-byte limit. */
  public static final int MAX_CLUSTERED_KEY_BYTES = 2 * KEY_COLUMN_LENGTH * 2 + 8;

  /** SQL Server accepts at most 2100 parameters per request; 150 rows of 9 plus their prune stay well below. */
  public static final int MAX_ROWS_PER_BATCH = 150;

  public static final String KEY_COLLATION = "Latin1_General_100_BIN2";

  static final String SNAPSHOT_COLUMNS =
      "aggregate_type, aggregate_id, version, payload, serializer_id, codec_id, schema_revision, metadata, created_at";

  private static final String SELECT_COLUMNS = "version, payload, serializer_id, codec_id, schema_revision, metadata, "
      + "DATEDIFF_BIG(MICROSECOND, CAST('1970-01-01' AS DATETIME2(6)), created_at) AS created_at_micros";

  private static final String SOURCE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, CONVERT(DATETIME2(6), ?, 126))";

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

  /** Creates the schema and the table when they are missing; concurrent openers may still race (error 2714). */
  public String createIfMissing() {
    return "IF SCHEMA_ID(N'" + schema + "') IS NULL EXEC(N'CREATE SCHEMA " + Identifiers.quote(schema) + "');\n"
        + "IF OBJECT_ID(N'" + qualifiedTable + "', N'U') IS NULL\n"
        + createTable();
  }

  /** The table's columns, for {@link TableShape}. */
  public SqlCommand describeTable() {
    return new SqlCommand("SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, COLLATION_NAME"
        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
        List.of(SqlParam.text(schema), SqlParam.text(table)));
  }

  /** Upsert of one snapshot, then retention of its stream, in one batch. */
  public SqlCommand save(Snapshot snapshot, Retention retention) {
    return saveAll(List.of(snapshot), retention).get(0);
  }

  /**
   * Upserts of many snapshots, then retention of every stream they touch: one batch per
   * {@link #MAX_ROWS_PER_BATCH} distinct snapshots. A version given twice keeps its last occurrence, which is
   * what saving them one by one leaves, and one MERGE must not touch a row twice.
   */
  public List<SqlCommand> saveAll(List<Snapshot> snapshots, Retention retention) {
    Map<List<Object>, Snapshot> lastByKey = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      List<Object> key = List.of(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version());
      lastByKey.remove(key);
      lastByKey.put(key, snapshot);
    }
    List<Snapshot> distinct = new ArrayList<>(lastByKey.values());
    List<SqlCommand> batches = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += MAX_ROWS_PER_BATCH) {
      batches.add(upsertBatch(distinct.subList(from, Math.min(distinct.size(), from + MAX_ROWS_PER_BATCH)), retention));
    }
    return batches;
  }

  private SqlCommand upsertBatch(List<Snapshot> rows, Retention retention) {
    List<SqlParam> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder()
        .append("MERGE INTO ").append(qualifiedTable).append(" WITH (HOLDLOCK) AS target\n")
        .append("USING (VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      Snapshot row = rows.get(i);
      sql.append(i == 0 ? "" : ", ").append(SOURCE_ROW);
      params.add(SqlParam.text(StoredKey.encode(row.aggregateType())));
      params.add(SqlParam.text(StoredKey.encode(row.aggregateId())));
      params.add(SqlParam.int64(row.version()));
      params.add(SqlParam.bytes(row.payload()));
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
    if (!retention.isUnlimited()) {
      Set<List<String>> streams = new LinkedHashSet<>();
      for (Snapshot row : rows) {
        streams.add(List.of(row.aggregateType(), row.aggregateId()));
      }
      sql.append("WITH ranked AS (\n")
          .append("  SELECT version, ROW_NUMBER() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY version DESC)")
          .append(" AS recency\n")
          .append("  FROM ").append(qualifiedTable).append("\n  WHERE ");
      int i = 0;
      for (List<String> stream : streams) {
        sql.append(i++ == 0 ? "" : " OR ").append("(aggregate_type = ? AND aggregate_id = ?)");
        params.add(SqlParam.text(StoredKey.encode(stream.get(0))));
        params.add(SqlParam.text(StoredKey.encode(stream.get(1))));
      }
      sql.append("\n)\nDELETE FROM ranked WHERE recency > ?;");
      params.add(SqlParam.int32(retention.keep()));
    }
    return new SqlCommand(sql.toString(), params);
  }

  public SqlCommand loadLatest(String aggregateType, String aggregateId) {
    return new SqlCommand("SELECT TOP 1 " + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC", streamParams(aggregateType, aggregateId));
  }

  public SqlCommand loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return new SqlCommand("SELECT TOP 1 " + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? AND version <= ? ORDER BY version DESC",
        streamParams(aggregateType, aggregateId, version));
  }

  public SqlCommand history(String aggregateType, String aggregateId) {
    return new SqlCommand("SELECT " + SELECT_COLUMNS + " FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY version DESC", streamParams(aggregateType, aggregateId));
  }

  public SqlCommand delete(String aggregateType, String aggregateId, long version) {
    return new SqlCommand("DELETE FROM " + qualifiedTable
        + " WHERE aggregate_type = ? AND aggregate_id = ? AND version = ?", streamParams(aggregateType, aggregateId, version));
  }

  public SqlCommand deleteStream(String aggregateType, String aggregateId) {
    return new SqlCommand("DELETE FROM " + qualifiedTable + " WHERE aggregate_type = ? AND aggregate_id = ?",
        streamParams(aggregateType, aggregateId));
  }

  public SqlCommand deleteAll(String aggregateType) {
    return new SqlCommand("DELETE FROM " + qualifiedTable + " WHERE aggregate_type = ?",
        List.of(SqlParam.text(StoredKey.encode(aggregateType))));
  }

  /** Streams, snapshots and payload bytes of one type, columns in that order. */
  public SqlCommand stats(String aggregateType) {
    return new SqlCommand("SELECT COUNT_BIG(DISTINCT aggregate_id) AS streams, COUNT_BIG(*) AS snapshots,"
        + " COALESCE(SUM(DATALENGTH(payload)), 0) AS payload_bytes FROM " + qualifiedTable + " WHERE aggregate_type = ?",
        List.of(SqlParam.text(StoredKey.encode(aggregateType))));
  }

  private static List<SqlParam> streamParams(String aggregateType, String aggregateId) {
    return List.of(SqlParam.text(StoredKey.encode(aggregateType)), SqlParam.text(StoredKey.encode(aggregateId)));
  }

  private static List<SqlParam> streamParams(String aggregateType, String aggregateId, long version) {
    return List.of(SqlParam.text(StoredKey.encode(aggregateType)), SqlParam.text(StoredKey.encode(aggregateId)),
        SqlParam.int64(version));
  }
}

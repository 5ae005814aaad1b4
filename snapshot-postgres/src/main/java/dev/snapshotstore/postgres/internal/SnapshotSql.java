package dev.snapshotstore.postgres.internal;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Every statement the store sends, for one table: the one place that owns their text. Parameters are named
 * ({@code :type}) and parsed once into JDBC form ({@link Sql}); the table name is a checked, quoted identifier
 * and the only text ever spliced in.
 *
 * <p>Retention runs in the write itself. A data-modifying CTE sees the table as it was when the statement
 * began, so the statement computes the versions to keep from the stored ones plus the new ones, inserts a
 * new version only if it is among them, and deletes the stored ones that are not. Writers of one stream take
 * a transaction-level advisory lock first, in the same round trip (the driver sends both statements before
 * one Sync, so they share an implicit transaction): without it, two writers would each prune from a
 * snapshot that misses the other's row.
 */
public final class SnapshotSql {

  static final String COLUMNS =
      "aggregate_type, aggregate_id, version, payload, serializer_id, codec_id, schema_revision, metadata, created_at";

  /** What a load reads, in this order; {@link SnapshotReader} reads the columns by these positions. */
  static final String READ_COLUMNS =
      "version, payload, serializer_id, codec_id, schema_revision, metadata, created_at";

  private static final String ON_CONFLICT = """
      ON CONFLICT (aggregate_type, aggregate_id, version) DO UPDATE SET
        payload = EXCLUDED.payload, serializer_id = EXCLUDED.serializer_id, codec_id = EXCLUDED.codec_id,
        schema_revision = EXCLUDED.schema_revision, metadata = EXCLUDED.metadata, created_at = EXCLUDED.created_at""";

  private static final String UNNEST_INPUT = """
      SELECT * FROM unnest(CAST(:types AS text[]), CAST(:ids AS text[]), CAST(:versions AS bigint[]),
          CAST(:payloads AS bytea[]), CAST(:serializerIds AS text[]), CAST(:codecIds AS text[]),
          CAST(:schemaRevisions AS integer[]), CAST(:metadatas AS text[]), CAST(:createdAts AS timestamptz[]))
        AS input(""" + COLUMNS + ")";

  private final String table;
  private final String schemaName;
  private final String tableName;

  private final Sql upsert;
  private final Sql upsertRetained;
  private final Sql upsertBatch;
  private final Sql upsertBatchRetained;
  private final Sql loadLatest;
  private final Sql loadAtOrBefore;
  private final Sql history;
  private final Sql delete;
  private final Sql deleteStream;
  private final Sql purgeBatch;
  private final Sql stats;
  private final Sql listTypes;
  private final Sql listStreams;

  public SnapshotSql(String schema, String table) {
    this.schemaName = Arguments.checkSqlIdentifier(schema, "schema");
    this.tableName = Arguments.checkSqlIdentifier(table, "table");
    this.table = quote(schema) + "." + quote(table);
    this.upsert = Sql.parse(upsertText());
    this.upsertRetained = Sql.parse(upsertRetainedText());
    this.upsertBatch = Sql.parse(upsertBatchText());
    this.upsertBatchRetained = Sql.parse(upsertBatchRetainedText());
    this.loadLatest = Sql.parse("SELECT " + READ_COLUMNS + " FROM " + this.table
        + " WHERE aggregate_type = :type AND aggregate_id = :id ORDER BY version DESC LIMIT 1");
    this.loadAtOrBefore = Sql.parse("SELECT " + READ_COLUMNS + " FROM " + this.table
        + " WHERE aggregate_type = :type AND aggregate_id = :id AND version <= :version ORDER BY version DESC LIMIT 1");
    this.history = Sql.parse("SELECT " + READ_COLUMNS + " FROM " + this.table
        + " WHERE aggregate_type = :type AND aggregate_id = :id ORDER BY version DESC LIMIT :limit");
    this.delete = Sql.parse("DELETE FROM " + this.table
        + " WHERE aggregate_type = :type AND aggregate_id = :id AND version = :version");
    this.deleteStream = Sql.parse("DELETE FROM " + this.table + " WHERE aggregate_type = :type AND aggregate_id = :id");
    this.purgeBatch = Sql.parse(purgeBatchText());
    this.stats = Sql.parse("SELECT count(DISTINCT aggregate_id) AS streams, count(*) AS snapshots,"
        + " coalesce(sum(octet_length(payload)), 0) AS payload_bytes FROM " + this.table
        + " WHERE aggregate_type = :type");
    this.listTypes = Sql.parse(listTypesText());
    this.listStreams = Sql.parse(listStreamsText());
  }

  static String quote(String identifier) {
    // Safe only because Arguments.checkSqlIdentifier admits no quote character.
    return '"' + identifier + '"';
  }

  /** {@code "schema"."table"}, quoted. */
  public String table() {
    return table;
  }

  public String schemaName() {
    return schemaName;
  }

  public String tableName() {
    return tableName;
  }

  /** A plain upsert, for unlimited retention: nothing to prune, so no lock. */
  public Sql upsert() {
    return upsert;
  }

  /** Lock, then one statement that upserts and prunes the stream to the {@code :keep} highest versions. */
  public Sql upsertRetained() {
    return upsertRetained;
  }

  /** A whole batch from arrays, one statement; the input holds each key once. */
  public Sql upsertBatch() {
    return upsertBatch;
  }

  /** Locks every stream of the batch in key order, then upserts and prunes all of them in one statement. */
  public Sql upsertBatchRetained() {
    return upsertBatchRetained;
  }

  /** A backward scan of the primary key that stops at the first row. */
  public Sql loadLatest() {
    return loadLatest;
  }

  public Sql loadAtOrBefore() {
    return loadAtOrBefore;
  }

  /** The {@code :limit} newest versions; the store binds {@code Integer.MAX_VALUE} for all of them. */
  public Sql history() {
    return history;
  }

  public Sql delete() {
    return delete;
  }

  public Sql deleteStream() {
    return deleteStream;
  }

  /**
   * One batch of {@code deleteAll}: the next {@code :limit} rows of the type after the key
   * ({@code :afterId}, {@code :afterVersion}) in primary-key order are deleted, and the last of them is returned
   * with the number found, so the next batch starts after it without scanning the dead rows again.
   */
  public Sql purgeBatch() {
    return purgeBatch;
  }

  /** {@code octet_length} reads the size from the TOAST pointer; it does not fetch the payload. */
  public Sql stats() {
    return stats;
  }

  /**
   * The types after {@code :cursor}, at most {@code :limit}: a loose index scan, each step one probe of the
   * primary key for the next greater type, so a page costs {@code :limit} probes however many snapshots each
   * type holds.
   */
  public Sql listTypes() {
    return listTypes;
  }

  /** The ids of one type after {@code :cursor}, at most {@code :limit}, stepped through the primary key the same way. */
  public Sql listStreams() {
    return listStreams;
  }

  private String upsertText() {
    return "INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + "VALUES (:type, :id, :version, :payload, :serializerId, :codecId, :schemaRevision, :metadata, :createdAt)\n"
        + ON_CONFLICT;
  }

  private String upsertRetainedText() {
    return "SELECT pg_advisory_xact_lock(:lockKey);\n"
        + "WITH kept AS (\n"
        + "  SELECT version FROM (\n"
        + "    (SELECT version FROM " + table + " WHERE aggregate_type = :type AND aggregate_id = :id"
        + " ORDER BY version DESC LIMIT :keep)\n"
        + "    UNION SELECT CAST(:version AS bigint)) AS candidate\n"
        + "  ORDER BY version DESC LIMIT :keep),\n"
        + "upserted AS (\n"
        + "  INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + "  SELECT :type, :id, CAST(:version AS bigint), :payload, :serializerId, :codecId, :schemaRevision,"
        + " :metadata, :createdAt\n"
        + "  WHERE CAST(:version AS bigint) IN (SELECT version FROM kept)\n"
        + "  " + ON_CONFLICT.replace("\n", "\n  ") + ")\n"
        + "DELETE FROM " + table + " WHERE aggregate_type = :type AND aggregate_id = :id"
        + " AND version < (SELECT min(version) FROM kept)";
  }

  private String upsertBatchText() {
    return "INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + UNNEST_INPUT + "\n"
        + "ORDER BY aggregate_type, aggregate_id, version\n"
        + ON_CONFLICT;
  }

  private String upsertBatchRetainedText() {
    return "SELECT pg_advisory_xact_lock(lock_key) FROM unnest(CAST(:lockKeys AS bigint[])) AS lock_key;\n"
        + "WITH input AS (" + UNNEST_INPUT + "),\n"
        + "candidate AS (\n"
        + "  SELECT aggregate_type, aggregate_id, version FROM input\n"
        + "  UNION\n"
        + "  SELECT stored.aggregate_type, stored.aggregate_id, stored.version FROM " + table + " AS stored\n"
        + "  WHERE (stored.aggregate_type, stored.aggregate_id) IN (SELECT aggregate_type, aggregate_id FROM input)),\n"
        + "ranked AS (\n"
        + "  SELECT aggregate_type, aggregate_id, version,\n"
        + "    row_number() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY version DESC) AS position\n"
        + "  FROM candidate),\n"
        + "pruned AS (\n"
        + "  DELETE FROM " + table + " AS stored USING ranked\n"
        + "  WHERE stored.aggregate_type = ranked.aggregate_type AND stored.aggregate_id = ranked.aggregate_id\n"
        + "    AND stored.version = ranked.version AND ranked.position > :keep)\n"
        + "INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + "SELECT input.* FROM input JOIN ranked USING (aggregate_type, aggregate_id, version)\n"
        + "WHERE ranked.position <= :keep\n"
        + "ORDER BY aggregate_type, aggregate_id, version\n"
        + ON_CONFLICT;
  }

  private String purgeBatchText() {
    return "WITH doomed AS (\n"
        + "  SELECT aggregate_id, version FROM " + table + "\n"
        + "  WHERE aggregate_type = :type AND (aggregate_id, version) > (:afterId, CAST(:afterVersion AS bigint))\n"
        + "  ORDER BY aggregate_id, version LIMIT :limit),\n"
        + "purged AS (\n"
        + "  DELETE FROM " + table + " AS stored USING doomed\n"
        + "  WHERE stored.aggregate_type = :type AND stored.aggregate_id = doomed.aggregate_id"
        + " AND stored.version = doomed.version)\n"
        + "SELECT aggregate_id, version, (SELECT count(*) FROM doomed) AS found FROM doomed\n"
        + "ORDER BY aggregate_id DESC, version DESC LIMIT 1";
  }

  private String listTypesText() {
    return "WITH RECURSIVE step (aggregate_type) AS (\n"
        + "  (SELECT aggregate_type FROM " + table + " WHERE aggregate_type > :cursor ORDER BY aggregate_type LIMIT 1)\n"
        + "  UNION ALL\n"
        + "  SELECT (SELECT n.aggregate_type FROM " + table + " AS n WHERE n.aggregate_type > step.aggregate_type"
        + " ORDER BY n.aggregate_type LIMIT 1)\n"
        + "  FROM step WHERE step.aggregate_type IS NOT NULL)\n"
        + "SELECT aggregate_type FROM step WHERE aggregate_type IS NOT NULL LIMIT :limit";
  }

  private String listStreamsText() {
    return "WITH RECURSIVE step (aggregate_id) AS (\n"
        + "  (SELECT aggregate_id FROM " + table + " WHERE aggregate_type = :type AND aggregate_id > :cursor"
        + " ORDER BY aggregate_id LIMIT 1)\n"
        + "  UNION ALL\n"
        + "  SELECT (SELECT n.aggregate_id FROM " + table + " AS n WHERE n.aggregate_type = :type"
        + " AND n.aggregate_id > step.aggregate_id ORDER BY n.aggregate_id LIMIT 1)\n"
        + "  FROM step WHERE step.aggregate_id IS NOT NULL)\n"
        + "SELECT aggregate_id FROM step WHERE aggregate_id IS NOT NULL LIMIT :limit";
  }

  /** The DDL the store runs when it creates its table; equal to the shipped {@code schema.sql} but for the name. */
  public String createTable() {
    String constraint = quote(truncate(tableName + "_pkey"));
    return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
        + "  aggregate_type  text COLLATE \"C\" NOT NULL,\n"
        + "  aggregate_id    text COLLATE \"C\" NOT NULL,\n"
        + "  version         bigint      NOT NULL,\n"
        + "  payload         bytea       NOT NULL,\n"
        + "  serializer_id   text        NOT NULL,\n"
        + "  codec_id        text        NOT NULL,\n"
        + "  schema_revision integer     NOT NULL,\n"
        + "  metadata        text        NOT NULL,\n"
        + "  created_at      timestamptz NOT NULL,\n"
        + "  CONSTRAINT " + constraint + " PRIMARY KEY (aggregate_type, aggregate_id, version)\n"
        + ")";
  }

  /** Payloads usually arrive compressed by our codec; a second compression by PostgreSQL only costs time. */
  public String payloadStorageExternal() {
    return "ALTER TABLE " + table + " ALTER COLUMN payload SET STORAGE EXTERNAL";
  }

  private static String truncate(String name) {
    return name.length() <= 63 ? name : name.substring(0, 63);
  }
}

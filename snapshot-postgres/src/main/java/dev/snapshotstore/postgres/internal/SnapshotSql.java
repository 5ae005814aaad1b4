package dev.snapshotstore.postgres.internal;

/**
 * Every statement the store sends, for one table. Parameters are Jdbi named parameters; the table name is a
 * checked, quoted identifier and the only text ever spliced in.
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

  private static final String READ_COLUMNS =
      "version, payload, serializer_id, codec_id, schema_revision, metadata, created_at";

  private static final String ON_CONFLICT = """
      ON CONFLICT (aggregate_type, aggregate_id, version) DO UPDATE SET
        payload = EXCLUDED.payload, serializer_id = EXCLUDED.serializer_id, codec_id = EXCLUDED.codec_id,
        schema_revision = EXCLUDED.schema_revision, metadata = EXCLUDED.metadata, created_at = EXCLUDED.created_at""";

  private static final String UNNEST_INPUT = """
      SELECT * FROM unnest(CAST(:types AS text[]), CAST(:ids AS text[]), CAST(:versions AS bigint[]),
          CAST(:payloads AS bytea[]), CAST(:serializerIds AS text[]), CAST(:codecIds AS text[]),
          CAST(:schemaRevisions AS integer[]), CAST(:metadata AS text[]), CAST(:createdAts AS timestamptz[]))
        AS input(""" + COLUMNS + ")";

  private final String table;
  private final String schema;
  private final String tableName;

  public SnapshotSql(String schema, String table) {
    this.schema = Identifiers.check(schema, "schema");
    this.tableName = Identifiers.check(table, "table");
    this.table = Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  /** {@code "schema"."table"}, quoted. */
  public String table() {
    return table;
  }

  public String schemaName() {
    return schema;
  }

  public String tableName() {
    return tableName;
  }

  public String upsert() {
    return "INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + "VALUES (:type, :id, :version, :payload, :serializerId, :codecId, :schemaRevision, :metadata, :createdAt)\n"
        + ON_CONFLICT;
  }

  /** Lock, then one statement that upserts and prunes the stream to the {@code :keep} highest versions. */
  public String upsertRetained() {
    return "SELECT pg_advisory_xact_lock(:lockSpace, :lockKey);\n"
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

  /** A whole batch from arrays, one statement; the input holds each key once. */
  public String upsertBatch() {
    return "INSERT INTO " + table + " (" + COLUMNS + ")\n"
        + UNNEST_INPUT + "\n"
        + "ORDER BY aggregate_type, aggregate_id, version\n"
        + ON_CONFLICT;
  }

  /** Locks every stream of the batch in key order, then upserts and prunes all of them in one statement. */
  public String upsertBatchRetained() {
    return "SELECT pg_advisory_xact_lock(:lockSpace, lock_key) FROM unnest(CAST(:lockKeys AS integer[])) AS lock_key;\n"
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

  public String loadLatest() {
    return "SELECT " + READ_COLUMNS + " FROM " + table
        + " WHERE aggregate_type = :type AND aggregate_id = :id ORDER BY version DESC LIMIT 1";
  }

  public String loadAtOrBefore() {
    return "SELECT " + READ_COLUMNS + " FROM " + table
        + " WHERE aggregate_type = :type AND aggregate_id = :id AND version <= :version ORDER BY version DESC LIMIT 1";
  }

  public String history() {
    return "SELECT " + READ_COLUMNS + " FROM " + table
        + " WHERE aggregate_type = :type AND aggregate_id = :id ORDER BY version DESC";
  }

  public String delete() {
    return "DELETE FROM " + table + " WHERE aggregate_type = :type AND aggregate_id = :id AND version = :version";
  }

  public String deleteStream() {
    return "DELETE FROM " + table + " WHERE aggregate_type = :type AND aggregate_id = :id";
  }

  public String deleteAll() {
    return "DELETE FROM " + table + " WHERE aggregate_type = :type";
  }

  /** {@code octet_length} reads the size from the TOAST pointer; it does not fetch the payload. */
  public String stats() {
    return "SELECT count(DISTINCT aggregate_id) AS streams, count(*) AS snapshots,"
        + " coalesce(sum(octet_length(payload)), 0) AS payload_bytes FROM " + table + " WHERE aggregate_type = :type";
  }

  /** The DDL the store runs when it creates its table; equal to the shipped {@code schema.sql} but for the name. */
  public String createTable() {
    String constraint = Identifiers.quote(truncate(tableName + "_pkey"));
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

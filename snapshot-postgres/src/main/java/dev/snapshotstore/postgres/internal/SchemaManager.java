package dev.snapshotstore.postgres.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import dev.snapshotstore.api.SnapshotConfigurationException;

/** Creates the table when asked to, and always checks that the table the store will use can hold snapshots. */
public final class SchemaManager {

  /** Column name to the {@code format_type} spellings the store can read and write. */
  private static final Map<String, Set<String>> COLUMNS = columns();

  private static final String RESOURCE = "dev/snapshotstore/postgres/schema.sql";

  private SchemaManager() {}

  private static Map<String, Set<String>> columns() {
    Set<String> text = Set.of("text", "character varying");
    Map<String, Set<String>> columns = new LinkedHashMap<>();
    columns.put("aggregate_type", text);
    columns.put("aggregate_id", text);
    columns.put("version", Set.of("bigint"));
    columns.put("payload", Set.of("bytea"));
    columns.put("serializer_id", text);
    columns.put("codec_id", text);
    columns.put("schema_revision", Set.of("integer", "bigint", "smallint"));
    columns.put("metadata", text);
    columns.put("created_at", Set.of("timestamp with time zone"));
    return columns;
  }

  public static void prepare(Handle handle, SnapshotSql sql, boolean create) throws java.sql.SQLException {
    if (create && !tableExists(handle, sql)) {
      create(handle, sql);
    }
    validate(handle, sql);
  }

  private static boolean tableExists(Handle handle, SnapshotSql sql) {
    return handle.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", sql.table())
        .mapTo(Boolean.class).one();
  }

  /** In one transaction: the caller's, when its connection has autocommit off, else one of its own. */
  private static void create(Handle handle, SnapshotSql sql) throws java.sql.SQLException {
    if (handle.getConnection().getAutoCommit()) {
      handle.useTransaction(transaction -> createInTransaction(transaction, sql));
    } else {
      createInTransaction(handle, sql);
    }
  }

  private static void createInTransaction(Handle transaction, SnapshotSql sql) {
    // Two stores starting together must not both run CREATE: it can fail on pg_type even with IF NOT EXISTS.
    transaction.createQuery("SELECT pg_advisory_xact_lock(:space, 0)")
        .bind("space", Keys.lockSpace(sql.table())).mapTo(String.class).one();
    boolean schemaExists = transaction.createQuery("SELECT count(*) > 0 FROM pg_namespace WHERE nspname = :schema")
        .bind("schema", sql.schemaName()).mapTo(Boolean.class).one();
    if (!schemaExists) {
      transaction.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(sql.schemaName()));
    }
    if (!tableExists(transaction, sql)) {
      transaction.execute(sql.createTable());
      transaction.execute(sql.payloadStorageExternal());
    }
  }

  /** Fails with one message that lists everything missing, so a migration can be fixed in one go. */
  public static void validate(Handle handle, SnapshotSql sql) {
    if (!tableExists(handle, sql)) {
      throw new SnapshotConfigurationException("PostgreSQL table " + sql.table() + " does not exist and the store"
          + " is configured not to create it (createSchema=false); create it with " + RESOURCE);
    }
    Map<String, String> actual = new LinkedHashMap<>();
    handle.createQuery("SELECT attname, format_type(atttypid, NULL) AS type FROM pg_attribute"
            + " WHERE attrelid = to_regclass(:table) AND attnum > 0 AND NOT attisdropped")
        .bind("table", sql.table())
        .map((row, context) -> Map.entry(row.getString("attname"), row.getString("type")))
        .forEach(entry -> actual.put(entry.getKey(), entry.getValue()));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Set<String>> expected : COLUMNS.entrySet()) {
      String type = actual.get(expected.getKey());
      if (type == null) {
        problems.add("missing column " + expected.getKey() + " (" + expected.getValue().iterator().next() + ")");
      } else if (!expected.getValue().contains(type)) {
        problems.add("column " + expected.getKey() + " is " + type + ", expected one of " + expected.getValue());
      }
    }
    boolean keyed = handle.createQuery("""
            SELECT count(*) > 0 FROM pg_index i
            WHERE i.indrelid = to_regclass(:table) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
              AND i.indnkeyatts = 3
              AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                   WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey))
                  = ARRAY['aggregate_id', 'aggregate_type', 'version']""")
        .bind("table", sql.table()).mapTo(Boolean.class).one();
    if (!keyed) {
      problems.add("no primary key or unique index on (aggregate_type, aggregate_id, version)");
    }
    if (!problems.isEmpty()) {
      throw new SnapshotConfigurationException("PostgreSQL table " + sql.table() + " cannot hold snapshots: "
          + String.join("; ", problems) + "; see " + RESOURCE);
    }
  }
}

package dev.snapshotstore.postgres.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Creates what is missing (when {@code create}) and checks the table, in one transaction of the store's own. */
  public static void prepare(UnitOfWork work, SnapshotSql sql, boolean create) throws SQLException {
    work.transaction("schema check of " + sql.table(), call -> {
      if (create && !tableExists(call, sql)) {
        create(call, sql);
      }
      validate(call, sql);
      return null;
    });
  }

  private static boolean tableExists(UnitOfWork.Call call, SnapshotSql sql) throws SQLException {
    return queryBoolean(call, "SELECT to_regclass(?) IS NOT NULL", sql.table());
  }

  private static void create(UnitOfWork.Call call, SnapshotSql sql) throws SQLException {
    // Two stores starting together must not both run CREATE: it can fail on pg_type even with IF NOT EXISTS.
    try (PreparedStatement lock = call.prepare("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, Keys.lockSeed(sql.table()));
      lock.execute();
    }
    boolean schemaExists = queryBoolean(call, "SELECT count(*) > 0 FROM pg_namespace WHERE nspname = ?",
        sql.schemaName());
    try (Statement ddl = call.createStatement()) {
      if (!schemaExists) {
        ddl.execute("CREATE SCHEMA IF NOT EXISTS " + SnapshotSql.quote(sql.schemaName()));
      }
      if (!tableExists(call, sql)) {
        ddl.execute(sql.createTable());
        ddl.execute(sql.payloadStorageExternal());
      }
    }
  }

  /** Fails with one message that lists everything missing, so a migration can be fixed in one go. */
  private static void validate(UnitOfWork.Call call, SnapshotSql sql) throws SQLException {
    if (!tableExists(call, sql)) {
      throw new SnapshotConfigurationException("PostgreSQL table " + sql.table() + " does not exist and the store"
          + " is configured not to create it (createSchema=false); create it with " + RESOURCE);
    }
    Map<String, String> actual = new LinkedHashMap<>();
    try (PreparedStatement query = call.prepare("SELECT attname, format_type(atttypid, NULL)"
        + " FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped")) {
      query.setString(1, sql.table());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Set<String>> expected : COLUMNS.entrySet()) {
      String type = actual.get(expected.getKey());
      if (type == null) {
        problems.add("missing column " + expected.getKey() + " (" + expected.getValue().iterator().next() + ")");
      } else if (!expected.getValue().contains(type)) {
        problems.add("column " + expected.getKey() + " is " + type + ", expected one of " + expected.getValue());
      }
    }
    // Loads, listings and purges walk this index in this column order; another order would make them scan.
    boolean keyed = queryBoolean(call, """
        SELECT count(*) > 0 FROM pg_index i
        WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
          AND i.indnkeyatts = 3
          AND (SELECT array_agg(a.attname::text ORDER BY k.position)
               FROM unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k (attnum, position)
               JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
               WHERE k.position <= 3)
              = ARRAY['aggregate_type', 'aggregate_id', 'version']""", sql.table());
    if (!keyed) {
      problems.add("no primary key or unique index on (aggregate_type, aggregate_id, version), in that order");
    }
    if (!problems.isEmpty()) {
      throw new SnapshotConfigurationException("PostgreSQL table " + sql.table() + " cannot hold snapshots: "
          + String.join("; ", problems) + "; see " + RESOURCE);
    }
  }

  private static boolean queryBoolean(UnitOfWork.Call call, String query, String argument) throws SQLException {
    try (PreparedStatement statement = call.prepare(query)) {
      statement.setString(1, argument);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }
}

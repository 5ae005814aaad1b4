package dev.snapshotstore.rehydrationjdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydrationjdbc.EventTable;
import dev.snapshotstore.rehydrationjdbc.PayloadType;
import dev.snapshotstore.rehydrationjdbc.SqlDialect;

/**
 * Every statement a {@code JdbcEventSource} sends, for one table in one dialect: the one place that owns their text.
 * Names come from {@link EventTable}, which admits only plain identifiers, and are quoted; values are always bound.
 * With an aggregate type column, each statement's parameters start with the type, then the stream id.
 */
public final class EventSql {

  /** SQL Server's case- and accent-sensitive comparison, so that stream ids match exactly as Java compares them. */
  static final String SQL_SERVER_KEY_COLLATION = "Latin1_General_100_BIN2";

  private final EventTable table;
  private final SqlDialect dialect;
  private final String qualifiedTable;
  private final boolean typed;
  private final String type;
  private final String id;
  private final String version;
  private final String eventType;
  private final String payload;

  public EventSql(EventTable table, SqlDialect dialect) {
    if (dialect == SqlDialect.SQL_SERVER && table.payloadType() == PayloadType.JSONB) {
      throw new IllegalArgumentException("payload type JSONB is PostgreSQL's; on SQL Server store JSON as TEXT"
          + " (NVARCHAR(MAX)): EventTable.builder().payloadColumn(\"" + table.payloadColumn() + "\", PayloadType.TEXT)");
    }
    this.table = table;
    this.dialect = dialect;
    this.qualifiedTable = table.schema().map(schema -> quote(schema) + ".").orElse("") + quote(table.table());
    this.typed = table.aggregateTypeColumn().isPresent();
    this.type = table.aggregateTypeColumn().map(this::quote).orElse("");
    this.id = quote(table.streamIdColumn());
    this.version = quote(table.versionColumn());
    this.eventType = quote(table.eventTypeColumn());
    this.payload = quote(table.payloadColumn());
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The quoted, schema-qualified table, for messages too. */
  public String table() {
    return qualifiedTable;
  }

  String quote(String identifier) {
    // Safe only because EventTable admits plain identifiers (Arguments.checkSqlIdentifier): no quote of any kind.
    return dialect == SqlDialect.SQL_SERVER ? "[" + identifier + "]" : "\"" + identifier + "\"";
  }

  private String streamPredicate(String alias) {
    return (typed ? alias + type + " = ? AND " : "") + alias + id + " = ?";
  }

  /** Binds the stream's key from parameter 1 on; returns the next parameter index. */
  public int bindStream(PreparedStatement statement, StreamId stream) throws SQLException {
    int index = 1;
    if (typed) {
      statement.setString(index++, stream.aggregateType());
    }
    statement.setString(index++, stream.aggregateId());
    return index;
  }

  /** The events of one stream from one version to another, in version order: one range scan of the key's index. */
  public String readRange() {
    return "SELECT " + version + ", " + eventType + ", " + payload + " FROM " + qualifiedTable
        + " WHERE " + streamPredicate("") + " AND " + version + " >= ? AND " + version + " <= ?"
        + " ORDER BY " + version;
  }

  /** The stream's highest version, or SQL NULL for a stream without events: one probe at the end of its range. */
  public String headVersion() {
    return "SELECT MAX(" + version + ") FROM " + qualifiedTable + " WHERE " + streamPredicate("");
  }

  /**
   * One page of the stream ids of a type, in key order, after a cursor ({@code after}) or from the start.
   * PostgreSQL: a loose index scan (a recursive CTE that probes the key's index once per stream), so a page costs one
   * probe per stream however many events each holds. SQL Server (whose recursive CTEs allow no TOP): a DISTINCT range
   * scan of the key's index. Parameters: PostgreSQL {@code [type], [after], [type], limit}; SQL Server
   * {@code limit, [type], [after]}. Bind with {@link #bindStreamsPage}.
   */
  public String streamsPage(boolean after) {
    if (dialect == SqlDialect.SQL_SERVER) {
      return "SELECT DISTINCT TOP (?) " + id + " FROM " + qualifiedTable
          + where(typed ? type + " = ?" : "", after ? id + " > ?" : "") + " ORDER BY " + id;
    }
    return "WITH RECURSIVE step (stream_id) AS (\n"
        + "  (SELECT " + id + " FROM " + qualifiedTable + where(typed ? type + " = ?" : "", after ? id + " > ?" : "")
        + " ORDER BY " + id + " LIMIT 1)\n"
        + "  UNION ALL\n"
        + "  SELECT (SELECT n." + id + " FROM " + qualifiedTable + " AS n WHERE "
        + (typed ? "n." + type + " = ? AND " : "") + "n." + id + " > step.stream_id ORDER BY n." + id + " LIMIT 1)\n"
        + "  FROM step WHERE step.stream_id IS NOT NULL)\n"
        + "SELECT stream_id FROM step WHERE stream_id IS NOT NULL LIMIT ?";
  }

  private static String where(String first, String second) {
    if (first.isEmpty() && second.isEmpty()) {
      return "";
    }
    return " WHERE " + (first.isEmpty() ? second : second.isEmpty() ? first : first + " AND " + second);
  }

  /** Binds the parameters of {@link #streamsPage}; {@code after} null for the first page. */
  public void bindStreamsPage(PreparedStatement statement, String aggregateType, @Nullable String after, int limit)
      throws SQLException {
    int index = 1;
    if (dialect == SqlDialect.SQL_SERVER) {
      statement.setInt(index++, limit);
      if (typed) {
        statement.setString(index++, aggregateType);
      }
      if (after != null) {
        statement.setString(index, after);
      }
      return;
    }
    if (typed) {
      statement.setString(index++, aggregateType);
    }
    if (after != null) {
      statement.setString(index++, after);
    }
    if (typed) {
      statement.setString(index++, aggregateType);
    }
    statement.setInt(index, limit);
  }

  /** One event: the stream's key, version, event type, payload and (if configured) the time. */
  public String insert() {
    StringBuilder columns = new StringBuilder();
    StringBuilder values = new StringBuilder();
    if (typed) {
      columns.append(type).append(", ");
      values.append("?, ");
    }
    columns.append(id).append(", ").append(version).append(", ").append(eventType).append(", ").append(payload);
    values.append("?, ?, ?, ").append(table.payloadType() == PayloadType.JSONB ? "CAST(? AS jsonb)" : "?");
    table.timestampColumn().ifPresent(column -> {
      columns.append(", ").append(quote(column));
      values.append(", ?");
    });
    return "INSERT INTO " + qualifiedTable + " (" + columns + ") VALUES (" + values + ")";
  }

  /**
   * Whether the connection is inside a transaction that has already written (PostgreSQL), or inside any transaction
   * (SQL Server): a row with one boolean or count.
   */
  public String callersTransactionCheck() {
    return dialect == SqlDialect.SQL_SERVER ? "SELECT @@TRANCOUNT" : "SELECT txid_current_if_assigned() IS NOT NULL";
  }

  /** Whether {@link #callersTransactionCheck()}'s answer means the caller has a transaction we must not end. */
  public boolean insideCallersTransaction(java.sql.ResultSet row) throws SQLException {
    return dialect == SqlDialect.SQL_SERVER ? row.getInt(1) > 0 : row.getBoolean(1);
  }

  /**
   * The violation of the key's unique constraint in the failure (or its chain: a batch reports it as its next
   * exception), meaning another append took one of the versions first; null for any other failure.
   */
  public @Nullable SQLException duplicateKey(SQLException failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (cause instanceof SQLException sql && (dialect == SqlDialect.SQL_SERVER
          ? sql.getErrorCode() == 2627 || sql.getErrorCode() == 2601
          : "23505".equals(sql.getSQLState()))) {
        return sql;
      }
    }
    return null;
  }

  private static @Nullable Throwable next(Throwable failure) {
    if (failure instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != failure) {
      return sql.getNextException();
    }
    return failure.getCause() == failure ? null : failure.getCause();
  }

  /** The table, its primary key (the index every read uses) and its version check; nothing if the table exists. */
  public String createTable() {
    String constraintPrefix = truncate(table.table(), 50);
    StringBuilder ddl = new StringBuilder();
    if (dialect == SqlDialect.SQL_SERVER) {
      String key = "NVARCHAR(" + dialect.maxKeyLength() + ") COLLATE " + SQL_SERVER_KEY_COLLATION + " NOT NULL";
      ddl.append("IF OBJECT_ID(N'").append(qualifiedTable).append("', N'U') IS NULL\n")
          .append("CREATE TABLE ").append(qualifiedTable).append(" (\n");
      if (typed) {
        ddl.append("  ").append(type).append(' ').append(key).append(",\n");
      }
      ddl.append("  ").append(id).append(' ').append(key).append(",\n")
          .append("  ").append(version).append(" BIGINT NOT NULL,\n")
          .append("  ").append(eventType).append(" NVARCHAR(200) NOT NULL,\n")
          .append("  ").append(payload).append(table.payloadType() == PayloadType.BYTEA
              ? " VARBINARY(MAX) NOT NULL,\n" : " NVARCHAR(MAX) NOT NULL,\n");
      table.timestampColumn().ifPresent(column -> ddl.append("  ").append(quote(column))
          .append(" DATETIMEOFFSET(6) NOT NULL CONSTRAINT ").append(quote(constraintPrefix + "_time_default"))
          .append(" DEFAULT SYSDATETIMEOFFSET(),\n"));
      ddl.append("  CONSTRAINT ").append(quote(constraintPrefix + "_pkey")).append(" PRIMARY KEY CLUSTERED (")
          .append(typed ? type + ", " : "").append(id).append(", ").append(version).append("),\n")
          .append("  CONSTRAINT ").append(quote(constraintPrefix + "_version_check")).append(" CHECK (")
          .append(version).append(" >= 1)\n)");
      return ddl.toString();
    }
    ddl.append("CREATE TABLE IF NOT EXISTS ").append(qualifiedTable).append(" (\n");
    if (typed) {
      ddl.append("  ").append(type).append(" text COLLATE \"C\" NOT NULL,\n");
    }
    ddl.append("  ").append(id).append(" text COLLATE \"C\" NOT NULL,\n")
        .append("  ").append(version).append(" bigint NOT NULL,\n")
        .append("  ").append(eventType).append(" text NOT NULL,\n")
        .append("  ").append(payload).append(' ').append(switch (table.payloadType()) {
          case JSONB -> "jsonb";
          case TEXT -> "text";
          case BYTEA -> "bytea";
        }).append(" NOT NULL,\n");
    table.timestampColumn().ifPresent(column -> ddl.append("  ").append(quote(column))
        .append(" timestamptz NOT NULL DEFAULT now(),\n"));
    ddl.append("  CONSTRAINT ").append(quote(constraintPrefix + "_pkey")).append(" PRIMARY KEY (")
        .append(typed ? type + ", " : "").append(id).append(", ").append(version).append("),\n")
        .append("  CONSTRAINT ").append(quote(constraintPrefix + "_version_check")).append(" CHECK (")
        .append(version).append(" >= 1)\n)");
    return ddl.toString();
  }

  private static String truncate(String name, int length) {
    return name.length() <= length ? name : name.substring(0, length);
  }

  @Override
  public String toString() {
    return "EventSql[" + dialect + ", " + qualifiedTable + "]";
  }
}

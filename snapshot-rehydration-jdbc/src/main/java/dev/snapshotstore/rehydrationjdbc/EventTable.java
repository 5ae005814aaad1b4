package dev.snapshotstore.rehydrationjdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydrationjdbc.internal.EventSql;

/**
 * Where and how an events table keeps its events: table and column names, and the payload's column type. Every name
 * is a plain SQL identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, checked when set) and is used quoted, exactly as given,
 * so give it as the database stores it (PostgreSQL folds unquoted names to lower case).
 *
 * <p>The defaults describe the table of the shipped DDL ({@link #ddl(SqlDialect)}, {@code events-postgresql.sql}):
 *
 * <pre>
 * events(aggregate_type, stream_id, version, event_type, payload jsonb, recorded_at)
 *   PRIMARY KEY (aggregate_type, stream_id, version)
 * </pre>
 *
 * <p>A table without an aggregate type column holds the streams of one type ({@link Builder#singleAggregateType}):
 * its stream id column is matched against {@link dev.snapshotstore.rehydration.StreamId#aggregateId()}, and asking it
 * for another type is an {@link IllegalArgumentException}. Reads need an index whose leading columns are the
 * aggregate type (if any), the stream id and the version, in that order; the primary key above is one.
 */
public final class EventTable {

  public static final String DEFAULT_TABLE = "events";

  private final @Nullable String schema;
  private final String table;
  private final @Nullable String aggregateTypeColumn;
  private final @Nullable String singleAggregateType;
  private final String streamIdColumn;
  private final String versionColumn;
  private final String eventTypeColumn;
  private final String payloadColumn;
  private final PayloadType payloadType;
  private final @Nullable String timestampColumn;

  private EventTable(Builder builder) {
    this.schema = builder.schema;
    this.table = builder.table;
    this.aggregateTypeColumn = builder.singleAggregateType == null ? builder.aggregateTypeColumn : null;
    this.singleAggregateType = builder.singleAggregateType;
    this.streamIdColumn = builder.streamIdColumn;
    this.versionColumn = builder.versionColumn;
    this.eventTypeColumn = builder.eventTypeColumn;
    this.payloadColumn = builder.payloadColumn;
    this.payloadType = builder.payloadType;
    this.timestampColumn = builder.timestampColumn;
  }

  /** The table of the shipped DDL, in the connection's default schema. */
  public static EventTable defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The schema, or empty for the connection's default (PostgreSQL's search path, SQL Server's default schema). */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  public String table() {
    return table;
  }

  /** The column holding the aggregate type; empty for a table of one type. */
  public Optional<String> aggregateTypeColumn() {
    return Optional.ofNullable(aggregateTypeColumn);
  }

  /** The one aggregate type of a table without an aggregate type column. */
  public Optional<String> singleAggregateType() {
    return Optional.ofNullable(singleAggregateType);
  }

  public String streamIdColumn() {
    return streamIdColumn;
  }

  public String versionColumn() {
    return versionColumn;
  }

  public String eventTypeColumn() {
    return eventTypeColumn;
  }

  public String payloadColumn() {
    return payloadColumn;
  }

  public PayloadType payloadType() {
    return payloadType;
  }

  /** The column an append writes its time into; empty when appends leave it to the table (or there is none). */
  public Optional<String> timestampColumn() {
    return Optional.ofNullable(timestampColumn);
  }

  /**
   * The {@code CREATE TABLE} for this table in {@code dialect}, for teams without one (or to hand to a migration
   * tool): the columns above, {@code NOT NULL}, and the primary key {@code (aggregate type, stream id, version)} that
   * makes a tail read one range scan of its index. Creates nothing if the table exists.
   *
   * @throws IllegalArgumentException {@link PayloadType#JSONB} in a dialect without it (SQL Server)
   */
  public String ddl(SqlDialect dialect) {
    Arguments.checkNotNull(dialect, "dialect");
    return new EventSql(this, dialect).createTable();
  }

  @Override
  public String toString() {
    return "EventTable[" + (schema == null ? "" : schema + ".") + table + "]";
  }

  /** Table and column names; every one has the default of the shipped DDL. */
  public static final class Builder {
    private @Nullable String schema;
    private String table = DEFAULT_TABLE;
    private String aggregateTypeColumn = "aggregate_type";
    private @Nullable String singleAggregateType;
    private String streamIdColumn = "stream_id";
    private String versionColumn = "version";
    private String eventTypeColumn = "event_type";
    private String payloadColumn = "payload";
    private PayloadType payloadType = PayloadType.JSONB;
    private @Nullable String timestampColumn = "recorded_at";

    private Builder() {}

    /** The table's schema; default none, so the connection's default schema. */
    public Builder schema(String schema) {
      this.schema = Arguments.checkSqlIdentifier(schema, "schema");
      return this;
    }

    /** Default {@value EventTable#DEFAULT_TABLE}. */
    public Builder table(String table) {
      this.table = Arguments.checkSqlIdentifier(table, "table");
      return this;
    }

    /** The column holding {@code StreamId.aggregateType()}; default {@code aggregate_type}. */
    public Builder aggregateTypeColumn(String column) {
      this.aggregateTypeColumn = Arguments.checkSqlIdentifier(column, "aggregateTypeColumn");
      this.singleAggregateType = null;
      return this;
    }

    /** The table has no aggregate type column: every stream in it is of {@code aggregateType}. */
    public Builder singleAggregateType(String aggregateType) {
      Arguments.checkName(aggregateType, "aggregateType");
      this.singleAggregateType = aggregateType;
      return this;
    }

    /** The column holding {@code StreamId.aggregateId()}; default {@code stream_id}. */
    public Builder streamIdColumn(String column) {
      this.streamIdColumn = Arguments.checkSqlIdentifier(column, "streamIdColumn");
      return this;
    }

    /** The column holding each event's stream version (1 for a stream's first event); default {@code version}. */
    public Builder versionColumn(String column) {
      this.versionColumn = Arguments.checkSqlIdentifier(column, "versionColumn");
      return this;
    }

    /** The column holding the event type name the decoder dispatches on; default {@code event_type}. */
    public Builder eventTypeColumn(String column) {
      this.eventTypeColumn = Arguments.checkSqlIdentifier(column, "eventTypeColumn");
      return this;
    }

    /** The payload column and how it stores payloads; default {@code payload}, {@link PayloadType#JSONB}. */
    public Builder payloadColumn(String column, PayloadType type) {
      this.payloadColumn = Arguments.checkSqlIdentifier(column, "payloadColumn");
      Arguments.checkNotNull(type, "type");
      this.payloadType = type;
      return this;
    }

    /** The column an append writes the append time into; default {@code recorded_at}. */
    public Builder timestampColumn(String column) {
      this.timestampColumn = Arguments.checkSqlIdentifier(column, "timestampColumn");
      return this;
    }

    /** Appends write no time: the table has no such column, or fills it itself (a column default). */
    public Builder withoutTimestampColumn() {
      this.timestampColumn = null;
      return this;
    }

    /** @throws IllegalArgumentException two roles given the same column */
    public EventTable build() {
      List<String> columns = new ArrayList<>();
      if (singleAggregateType == null) {
        columns.add(aggregateTypeColumn);
      }
      columns.addAll(List.of(streamIdColumn, versionColumn, eventTypeColumn, payloadColumn));
      if (timestampColumn != null) {
        columns.add(timestampColumn);
      }
      Set<String> seen = new HashSet<>();
      for (String column : columns) {
        if (!seen.add(column)) {
          throw new IllegalArgumentException("column '" + column + "' is given for two roles of the events table");
        }
      }
      return new EventTable(this);
    }
  }
}

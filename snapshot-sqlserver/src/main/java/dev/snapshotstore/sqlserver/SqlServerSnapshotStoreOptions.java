package dev.snapshotstore.sqlserver;

import java.time.Duration;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.sqlserver.internal.Identifiers;

/**
 * Settings of a {@link SqlServerSnapshotStore}. Immutable; every setting has a working default. Holds no
 * credentials: those live in the caller's {@code DataSource} or in the store URI.
 */
public final class SqlServerSnapshotStoreOptions {

  public static final String DEFAULT_SCHEMA = "dbo";
  public static final String DEFAULT_TABLE = "snapshots";
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_DEADLOCK_RETRIES = 5;

  private final String schema;
  private final String table;
  private final Retention retention;
  private final int maxPayloadBytes;
  private final boolean createSchema;
  private final Duration queryTimeout;
  private final int deadlockRetries;

  private SqlServerSnapshotStoreOptions(Builder builder) {
    this.schema = builder.schema;
    this.table = builder.table;
    this.retention = builder.retention;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.createSchema = builder.createSchema;
    this.queryTimeout = builder.queryTimeout;
    this.deadlockRetries = builder.deadlockRetries;
  }

  public static SqlServerSnapshotStoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The table's schema, unquoted; default {@code dbo}. */
  public String schema() {
    return schema;
  }

  /** The table name, unquoted; default {@code snapshots}. */
  public String table() {
    return table;
  }

  /** {@code [schema].[table]}, as it appears in every statement. */
  public String qualifiedTable() {
    return Identifiers.quote(schema) + "." + Identifiers.quote(table);
  }

  public Retention retention() {
    return retention;
  }

  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  public boolean createSchema() {
    return createSchema;
  }

  public Duration queryTimeout() {
    return queryTimeout;
  }

  public int deadlockRetries() {
    return deadlockRetries;
  }

  @Override
  public String toString() {
    return "SqlServerSnapshotStoreOptions[table=" + qualifiedTable() + ", retention=" + retention
        + ", maxPayloadBytes=" + maxPayloadBytes + ", createSchema=" + createSchema + ", queryTimeout=" + queryTimeout
        + ", deadlockRetries=" + deadlockRetries + "]";
  }

  /** Builds {@link SqlServerSnapshotStoreOptions}; each setter checks its argument at once. */
  public static final class Builder {
    private String schema = DEFAULT_SCHEMA;
    private String table = DEFAULT_TABLE;
    private Retention retention = Retention.DEFAULT;
    private int maxPayloadBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES;
    private boolean createSchema = true;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private int deadlockRetries = DEFAULT_DEADLOCK_RETRIES;

    private Builder() {}

    /** The schema holding the table: a plain identifier ({@value Identifiers#RULE}), quoted with brackets. */
    public Builder schema(String schema) {
      this.schema = Identifiers.check(schema, "schema");
      return this;
    }

    /** The table name: a plain identifier ({@value Identifiers#RULE}), quoted with brackets. */
    public Builder table(String table) {
      this.table = Identifiers.check(table, "table");
      return this;
    }

    /** How many versions per stream to keep; default 5. */
    public Builder retention(Retention retention) {
      Arguments.checkNotNull(retention, "retention");
      this.retention = retention;
      return this;
    }

    /** The largest payload a save accepts; default 16 MiB. VARBINARY(MAX) itself holds up to 2 GiB. */
    public Builder maxPayloadBytes(int maxPayloadBytes) {
      Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    /**
     * Whether opening the store creates the schema and table when missing (default true). When false, the
     * table must exist (see {@code dev/snapshotstore/sqlserver/schema.sql}); opening checks it and names what
     * is missing.
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /** How long one statement may run before the driver cancels it; whole seconds, at least 1; default 30 s. */
    public Builder queryTimeout(Duration queryTimeout) {
      Arguments.checkNotNull(queryTimeout, "queryTimeout");
      if (queryTimeout.toSeconds() < 1) {
        throw new IllegalArgumentException("queryTimeout must be at least 1 second but was " + queryTimeout);
      }
      this.queryTimeout = queryTimeout;
      return this;
    }

    /**
     * How often an operation chosen as deadlock victim (error 1205) is run again before it fails; default 5,
     * 0 for never.
     */
    public Builder deadlockRetries(int deadlockRetries) {
      if (deadlockRetries < 0) {
        throw new IllegalArgumentException("deadlockRetries must be >= 0 but was " + deadlockRetries);
      }
      this.deadlockRetries = deadlockRetries;
      return this;
    }

    public SqlServerSnapshotStoreOptions build() {
      return new SqlServerSnapshotStoreOptions(this);
    }
  }
}

package dev.snapshotstore.sqlserver;

import java.time.Duration;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.RetryPolicy;
import dev.snapshotstore.sqlserver.internal.Identifiers;

/**
 * Settings of a {@link SqlServerSnapshotStore}: the options every backend shares ({@link CommonOptions}:
 * {@code retention}, {@code maxPayloadBytes}, {@code maxMetadataBytes}, {@code operationTimeout},
 * {@code connectTimeout}, {@code poolSize}, {@code retries}, {@code retryBackoff}) and SQL Server's own
 * ({@code schema}, {@code table}, {@code createSchema}). Immutable; every setting has a working default. Holds no
 * credentials: those live in the caller's {@code DataSource} or in the store URI.
 */
public final class SqlServerSnapshotStoreOptions {

  public static final String DEFAULT_SCHEMA = "dbo";
  public static final String DEFAULT_TABLE = "snapshots";

  private final CommonOptions common;
  private final String schema;
  private final String table;
  private final boolean createSchema;

  private SqlServerSnapshotStoreOptions(Builder builder, CommonOptions common) {
    this.common = common;
    this.schema = builder.schema;
    this.table = builder.table;
    this.createSchema = builder.createSchema;
  }

  public static SqlServerSnapshotStoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The options every backend shares, with their names, units and defaults. */
  public CommonOptions common() {
    return common;
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

  /** Whether opening the store creates the schema and the table when they are missing. */
  public boolean createSchema() {
    return createSchema;
  }

  public Retention retention() {
    return common.retention();
  }

  public int maxPayloadBytes() {
    return common.maxPayloadBytes();
  }

  public int maxMetadataBytes() {
    return common.maxMetadataBytes();
  }

  /** The longest one statement may run; the driver's query timeout is this rounded up to whole seconds. */
  public Duration operationTimeout() {
    return common.operationTimeout();
  }

  /** For stores opened from a URI: the longest opening a connection (and waiting for one) may take. */
  public Duration connectTimeout() {
    return common.connectTimeout();
  }

  /** For stores opened from a URI: the connections in the store's own pool. */
  public int poolSize() {
    return common.poolSize();
  }

  /** How often, and after what wait, a transiently failed operation (a deadlock victim, say) runs again. */
  public RetryPolicy retryPolicy() {
    return common.retry();
  }

  @Override
  public String toString() {
    return "SqlServerSnapshotStoreOptions[table=" + qualifiedTable() + ", createSchema=" + createSchema + ", " + common
        + "]";
  }

  /**
   * Builds {@link SqlServerSnapshotStoreOptions}; each setter checks its argument at once. The shared setters
   * ({@code retention}, {@code operationTimeout}, {@code retries}...) come from {@link CommonOptions.Builder}.
   */
  public static final class Builder extends CommonOptions.Builder<Builder> {
    private String schema = DEFAULT_SCHEMA;
    private String table = DEFAULT_TABLE;
    private boolean createSchema = true;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

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

    /**
     * Whether opening the store creates the schema and table when missing (default true). When false, the
     * table must exist (see {@code dev/snapshotstore/sqlserver/schema.sql}); opening checks it and names what
     * is missing.
     */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    public SqlServerSnapshotStoreOptions build() {
      return new SqlServerSnapshotStoreOptions(this, commonOptions());
    }
  }
}

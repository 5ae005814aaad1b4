package dev.snapshotstore.postgres;

import java.time.Duration;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.postgres.internal.Identifiers;

/**
 * How a {@link PostgresSnapshotStore} is set up: where its table lives, what it keeps, and how long it waits.
 * Immutable; holds no credentials, so it is safe to log.
 */
public final class PostgresSnapshotStoreOptions {

  public static final String DEFAULT_SCHEMA = "public";
  public static final String DEFAULT_TABLE = "snapshots";
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private final String schema;
  private final String table;
  private final Retention retention;
  private final int maxPayloadBytes;
  private final boolean createSchema;
  private final Duration queryTimeout;
  private final Duration connectionTimeout;

  private PostgresSnapshotStoreOptions(Builder builder) {
    this.schema = builder.schema;
    this.table = builder.table;
    this.retention = builder.retention;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.createSchema = builder.createSchema;
    this.queryTimeout = builder.queryTimeout;
    this.connectionTimeout = builder.connectionTimeout;
  }

  /** Table {@code public.snapshots}, retention 5, 16 MiB payloads, created on first use, 10 s query timeout. */
  public static PostgresSnapshotStoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .schema(schema)
        .table(table)
        .retention(retention)
        .maxPayloadBytes(maxPayloadBytes)
        .createSchema(createSchema)
        .queryTimeout(queryTimeout)
        .connectionTimeout(connectionTimeout);
  }

  public String schema() {
    return schema;
  }

  public String table() {
    return table;
  }

  public Retention retention() {
    return retention;
  }

  public int maxPayloadBytes() {
    return maxPayloadBytes;
  }

  /** Whether the store creates its schema and table when they are missing; if not, it only checks them. */
  public boolean createSchema() {
    return createSchema;
  }

  /** The longest one statement may run; enforced by the driver, in whole seconds. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /**
   * The longest a store opened from a URI waits for a connection (pool and TCP connect). A store built on
   * the caller's {@code DataSource} leaves connection settings to that data source.
   */
  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  @Override
  public String toString() {
    return "PostgresSnapshotStoreOptions[table=" + schema + "." + table + ", retention=" + retention
        + ", maxPayloadBytes=" + maxPayloadBytes + ", createSchema=" + createSchema
        + ", queryTimeout=" + queryTimeout + ", connectionTimeout=" + connectionTimeout + "]";
  }

  /** Builds {@link PostgresSnapshotStoreOptions}; every setter checks its argument at once. */
  public static final class Builder {
    private String schema = DEFAULT_SCHEMA;
    private String table = DEFAULT_TABLE;
    private Retention retention = Retention.DEFAULT;
    private int maxPayloadBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES;
    private boolean createSchema = true;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    private Builder() {}

    /** The schema of the table; a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63), used quoted. */
    public Builder schema(String schema) {
      this.schema = Identifiers.check(schema, "schema");
      return this;
    }

    /** The table name; a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63), used quoted. */
    public Builder table(String table) {
      this.table = Identifiers.check(table, "table");
      return this;
    }

    public Builder retention(Retention retention) {
      Arguments.checkNotNull(retention, "retention");
      this.retention = retention;
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /** At least one second: JDBC counts query timeouts in whole seconds (rounded up). */
    public Builder queryTimeout(Duration queryTimeout) {
      Arguments.checkNotNull(queryTimeout, "queryTimeout");
      if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("queryTimeout must be at least 1s but was " + queryTimeout);
      }
      this.queryTimeout = queryTimeout;
      return this;
    }

    /** At least 250 ms, the smallest wait HikariCP accepts. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      Arguments.checkNotNull(connectionTimeout, "connectionTimeout");
      if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
        throw new IllegalArgumentException("connectionTimeout must be at least 250ms but was " + connectionTimeout);
      }
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    public PostgresSnapshotStoreOptions build() {
      return new PostgresSnapshotStoreOptions(this);
    }
  }
}

package dev.snapshotstore.postgres;

import java.time.Duration;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.RetryPolicy;

/**
 * How a {@link PostgresSnapshotStore} is set up: the options every backend shares ({@link CommonOptions}:
 * {@code retention}, {@code maxPayloadBytes}, {@code maxMetadataBytes}, {@code operationTimeout},
 * {@code connectTimeout}, {@code poolSize}, {@code retries}, {@code retryBackoff}) and PostgreSQL's own: where the
 * table lives ({@code schema}, {@code table}) and whether the store creates it ({@code createSchema}).
 * Immutable; holds no credentials, so it is safe to log.
 */
public final class PostgresSnapshotStoreOptions {

  public static final String SCHEMA = "schema";
  public static final String TABLE = "table";
  public static final String CREATE_SCHEMA = "createSchema";

  public static final String DEFAULT_SCHEMA = "public";
  public static final String DEFAULT_TABLE = "snapshots";

  /** Rows one statement of {@code deleteAll} removes: small enough that other writers never wait long. */
  static final int DEFAULT_PURGE_BATCH_ROWS = 1_000;

  /**
   * Snapshots in one statement of {@code saveAll}: every stream in it holds an advisory lock until the statement
   * commits, and the server's lock table is shared by all sessions (64 per connection by default).
   */
  static final int DEFAULT_SAVE_BATCH_SNAPSHOTS = 500;

  /** Payload bytes in one statement of {@code saveAll}, far below the 1 GB limit of one protocol message. */
  static final int DEFAULT_SAVE_BATCH_BYTES = 64 * 1024 * 1024;

  private final CommonOptions common;
  private final String schema;
  private final String table;
  private final boolean createSchema;
  private final int purgeBatchRows;
  private final int saveBatchSnapshots;
  private final int saveBatchBytes;

  private PostgresSnapshotStoreOptions(Builder builder) {
    this.common = builder.shared();
    this.schema = builder.schema;
    this.table = builder.table;
    this.createSchema = builder.createSchema;
    this.purgeBatchRows = builder.purgeBatchRows;
    this.saveBatchSnapshots = builder.saveBatchSnapshots;
    this.saveBatchBytes = builder.saveBatchBytes;
  }

  /** Table {@code public.snapshots}, created when missing, and the shared defaults of {@link CommonOptions}. */
  public static PostgresSnapshotStoreOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .common(common)
        .schema(schema)
        .table(table)
        .createSchema(createSchema)
        .purgeBatchRows(purgeBatchRows)
        .saveBatch(saveBatchSnapshots, saveBatchBytes);
  }

  /** The options every backend shares. */
  public CommonOptions common() {
    return common;
  }

  public String schema() {
    return schema;
  }

  public String table() {
    return table;
  }

  /** Whether the store creates its schema and table when they are missing; if not, it only checks them. */
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

  /** The longest one statement may run before it is cancelled and fails as unavailable. */
  public Duration operationTimeout() {
    return common.operationTimeout();
  }

  /** The longest a store opened from a URI waits for a connection; a caller's pool keeps its own settings. */
  public Duration connectTimeout() {
    return common.connectTimeout();
  }

  /** Connections in the pool of a store opened from a URI. */
  public int poolSize() {
    return common.poolSize();
  }

  public RetryPolicy retryPolicy() {
    return common.retry();
  }

  int purgeBatchRows() {
    return purgeBatchRows;
  }

  int saveBatchSnapshots() {
    return saveBatchSnapshots;
  }

  int saveBatchBytes() {
    return saveBatchBytes;
  }

  @Override
  public String toString() {
    return "PostgresSnapshotStoreOptions[table=" + schema + "." + table + ", retention=" + retention()
        + ", maxPayloadBytes=" + maxPayloadBytes() + ", maxMetadataBytes=" + maxMetadataBytes()
        + ", createSchema=" + createSchema + ", operationTimeout=" + operationTimeout()
        + ", connectTimeout=" + connectTimeout() + ", poolSize=" + poolSize() + ", retries=" + retryPolicy().retries()
        + ", retryBackoff=" + retryPolicy().backoff() + "]";
  }

  /** Builds {@link PostgresSnapshotStoreOptions}; every setter checks its argument at once. */
  public static final class Builder extends CommonOptions.Builder<Builder> {
    private String schema = DEFAULT_SCHEMA;
    private String table = DEFAULT_TABLE;
    private boolean createSchema = true;
    private int purgeBatchRows = DEFAULT_PURGE_BATCH_ROWS;
    private int saveBatchSnapshots = DEFAULT_SAVE_BATCH_SNAPSHOTS;
    private int saveBatchBytes = DEFAULT_SAVE_BATCH_BYTES;

    private Builder() {}

    @Override
    protected Builder self() {
      return this;
    }

    /** The schema of the table; a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63), used quoted. */
    public Builder schema(String schema) {
      this.schema = Arguments.checkSqlIdentifier(schema, SCHEMA);
      return this;
    }

    /** The table name; a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63), used quoted. */
    public Builder table(String table) {
      this.table = Arguments.checkSqlIdentifier(table, TABLE);
      return this;
    }

    /** Whether the store creates a missing schema and table (default); with {@code false} it only checks them. */
    public Builder createSchema(boolean createSchema) {
      this.createSchema = createSchema;
      return this;
    }

    /** Rows per statement of {@code deleteAll}; tests shrink it to cover several batches with little data. */
    Builder purgeBatchRows(int rows) {
      Arguments.checkPositive(rows, "purgeBatchRows");
      this.purgeBatchRows = rows;
      return this;
    }

    /** Snapshots and payload bytes per statement of {@code saveAll}; tests shrink them to cover several chunks. */
    Builder saveBatch(int snapshots, int bytes) {
      Arguments.checkPositive(snapshots, "saveBatchSnapshots");
      Arguments.checkPositive(bytes, "saveBatchBytes");
      this.saveBatchSnapshots = snapshots;
      this.saveBatchBytes = bytes;
      return this;
    }

    /** The shared options as set so far; {@code commonOptions()} is protected, and this outer class needs them. */
    private CommonOptions shared() {
      return commonOptions();
    }

    public PostgresSnapshotStoreOptions build() {
      return new PostgresSnapshotStoreOptions(this);
    }
  }
}

package dev.snapshotstore.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.benchmarks.servers.PostgresServer;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.postgres.internal.Keys;
import dev.snapshotstore.postgres.internal.MetadataCodec;
import dev.snapshotstore.postgres.internal.SnapshotSql;
import dev.snapshotstore.postgres.internal.Sql;

/**
 * {@link PostgresSnapshotStore} against raw JDBC on the same server and the same Hikari pool, in one run:
 * {@code loadLatest} and {@code save} against JDBC sending the store's own statements (the very text the store
 * prepares, from {@link SnapshotSql}, bound with the same values in the same order); {@code save} against the
 * source documents' design, an
 * upsert of the JSON text into a JSONB column; {@code loadAtOrBefore}; {@code saveAll} of 100 against 100
 * single saves (both per snapshot). Retention is 5 for the store and its JDBC twin; the JSONB design keeps
 * every version, as the source does. Scores are operations (snapshots) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PostgresBenchmark {

  public static final long PAYLOAD_SEED = 7;
  static final String TYPE = "Order";
  static final String LOADED_ID = "loaded-order";
  static final long AT_OR_BEFORE = 350;

  /** The source documents' table and index, as they give them. */
  static final String SOURCE_DDL = """
      CREATE TABLE source_snapshots (
          stream_id       VARCHAR(255) NOT NULL,
          version         BIGINT NOT NULL,
          aggregate_type  VARCHAR(255) NOT NULL,
          state           JSONB NOT NULL,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT NOW(),
          PRIMARY KEY (stream_id, version)
      );
      CREATE INDEX idx_source_snapshots_latest ON source_snapshots (stream_id, version DESC)""";

  static final String SOURCE_SAVE = """
      INSERT INTO source_snapshots (stream_id, version, aggregate_type, state)
      VALUES (?, ?, ?, ?::jsonb)
      ON CONFLICT (stream_id, version) DO UPDATE SET state = EXCLUDED.state, created_at = NOW()""";

  private static final AtomicInteger WRITERS = new AtomicInteger();

  @Param({"1024", "10240", "102400", "1048576"})
  public int size;

  private PostgresServer server;
  private HikariDataSource pool;
  private PostgresSnapshotStore store;
  private byte[] payload;
  private String payloadText;
  private Sql rawLoadLatest;
  private Sql rawSave;
  private long lockSeed;

  @State(Scope.Thread)
  public static class Writer {
    final String id = "written-order-" + WRITERS.incrementAndGet();
    long version;
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    server = PostgresServer.start();
    pool = server.pool();
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS public.snapshots, source_snapshots");
      statement.execute(SOURCE_DDL);
    }
    PostgresSnapshotStoreOptions options = PostgresSnapshotStoreOptions.builder().retention(Retention.keepLast(5)).build();
    store = PostgresSnapshotStore.create(pool, options);
    SnapshotSql sql = new SnapshotSql(options.schema(), options.table());
    rawLoadLatest = sql.loadLatest();
    rawSave = sql.upsertRetained();
    lockSeed = Keys.lockSeed(sql.table());
    payload = AggregateStates.order(PAYLOAD_SEED, size);
    payloadText = new String(payload, StandardCharsets.UTF_8);
    for (long version = 100; version <= 500; version += 100) {
      store.save(Snapshot.builder(TYPE, LOADED_ID, version, payload).build());
    }
    if (!Arrays.equals(store.loadLatest(TYPE, LOADED_ID).orElseThrow().payload(), payload)
        || !Arrays.equals(rawLoadLatest(), payload)
        || store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow().version() != 300) {
      throw new IllegalStateException("the store does not read back what the benchmark saved");
    }
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    pool.close();
    server.close();
  }

  @Benchmark
  public Snapshot loadLatest() {
    return store.loadLatest(TYPE, LOADED_ID).orElseThrow();
  }

  /** The store's query through plain JDBC, every column read as the store reads it. */
  @Benchmark
  public byte[] rawLoadLatest() throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(rawLoadLatest.jdbc())) {
      bind(statement, rawLoadLatest, Map.of("type", TYPE, "id", LOADED_ID));
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("no row");
        }
        long version = row.getLong(1);
        byte[] bytes = row.getBytes(2);
        String serializer = row.getString(3);
        String codec = row.getString(4);
        int revision = row.getInt(5);
        String metadata = row.getString(6);
        OffsetDateTime createdAt = row.getObject(7, OffsetDateTime.class);
        if (version < 0 || serializer == null || codec == null || revision < 0 || metadata == null || createdAt == null) {
          throw new IllegalStateException("incomplete row");
        }
        return bytes;
      }
    }
  }

  @Benchmark
  public Snapshot loadAtOrBefore() {
    return store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow();
  }

  @Benchmark
  public void save(Writer writer) {
    store.save(Snapshot.builder(TYPE, writer.id, ++writer.version, payload).build());
  }

  /** The store's save statement (lock, upsert and prune in one round trip) through plain JDBC. */
  @Benchmark
  public void rawSave(Writer writer) throws SQLException {
    SnapshotHeader header = SnapshotHeader.RAW;
    Map<String, Object> values = Map.ofEntries(
        Map.entry("lockKey", Keys.lockKey(lockSeed, TYPE, writer.id)),
        Map.entry("keep", 5),
        Map.entry("type", TYPE),
        Map.entry("id", writer.id),
        Map.entry("version", ++writer.version),
        Map.entry("payload", payload),
        Map.entry("serializerId", header.serializerId()),
        Map.entry("codecId", header.codecId()),
        Map.entry("schemaRevision", header.schemaRevision()),
        Map.entry("metadata", MetadataCodec.encode(Map.of())),
        Map.entry("createdAt", OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(rawSave.jdbc())) {
      bind(statement, rawSave, values);
      statement.execute();
    }
  }

  /** The source documents' save: the state as JSON text into a JSONB column, upserted on (stream, version). */
  @Benchmark
  public void jsonbSave(Writer writer) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(SOURCE_SAVE)) {
      statement.setString(1, TYPE + "-" + writer.id);
      statement.setLong(2, ++writer.version);
      statement.setString(3, TYPE);
      statement.setString(4, payloadText);
      statement.executeUpdate();
    }
  }

  @Benchmark
  @OperationsPerInvocation(RedisBenchmark.BATCH)
  public void saveAll(Writer writer) {
    store.saveAll(RedisBenchmark.batch(writer.id, ++writer.version, payload));
  }

  @Benchmark
  @OperationsPerInvocation(RedisBenchmark.BATCH)
  public void singleSaves(Writer writer) {
    for (Snapshot snapshot : RedisBenchmark.batch(writer.id, ++writer.version, payload)) {
      store.save(snapshot);
    }
  }

  /** Binds as the store does: by the Java type of each value, in the statement's parameter order. */
  private static void bind(PreparedStatement statement, Sql sql, Map<String, ?> values) throws SQLException {
    for (int position = 1; position <= sql.count(); position++) {
      String name = sql.parameter(position).sqlName();
      Object value = values.get(name);
      if (value instanceof String text) {
        statement.setString(position, text);
      } else if (value instanceof Long number) {
        statement.setLong(position, number);
      } else if (value instanceof Integer number) {
        statement.setInt(position, number);
      } else if (value instanceof byte[] bytes) {
        statement.setBytes(position, bytes);
      } else if (value != null) {
        statement.setObject(position, value);
      } else {
        throw new IllegalArgumentException("no value for :" + name);
      }
    }
  }
}

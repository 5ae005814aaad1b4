package dev.snapshotstore.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
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
import dev.snapshotstore.benchmarks.servers.PostgresServer;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;

/**
 * {@link PostgresSnapshotStore} against raw JDBC on the same server and the same Hikari pool, in one run:
 * {@code loadLatest} and {@code save} against JDBC sending the store's own statements (recorded from the store
 * through its public API at set-up, by a {@link StatementRecorder}, and bound with the same setters and values,
 * the save's version and time replaced); {@code save} against the source documents' design, an
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
  /** The version and time of the one save each writer records at set-up; then replaced in every replay. */
  static final long RECORDED_VERSION = 0;

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
  private PostgresSnapshotStoreOptions options;
  private StatementRecorder recorder;
  private PostgresSnapshotStore recordedStore;
  private RecordedStatement rawLoadLatest;
  private int[] loadColumns;

  @State(Scope.Thread)
  public static class Writer {
    final String id = "written-order-" + WRITERS.incrementAndGet();
    long version;
    /** The store's save statement for this writer's stream (its lock key is the stream's). */
    RecordedStatement rawSave;
    Object recordedCreatedAt;

    @Setup(Level.Trial)
    public void record(PostgresBenchmark benchmark) {
      rawSave = benchmark.recordSave(id);
      recordedCreatedAt = rawSave.parameters().stream()
          .filter(parameter -> parameter.value() instanceof OffsetDateTime || parameter.value() instanceof Timestamp)
          .findFirst().orElseThrow(() -> new IllegalStateException("no created-at among " + rawSave.parameters()))
          .value();
    }

    Object now() {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      return recordedCreatedAt instanceof Timestamp
          ? Timestamp.from(now)
          : OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    server = PostgresServer.start();
    pool = server.pool();
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS public.snapshots, source_snapshots");
      statement.execute(SOURCE_DDL);
    }
    options = PostgresSnapshotStoreOptions.builder().retention(Retention.keepLast(5)).build();
    store = PostgresSnapshotStore.create(pool, options);
    payload = AggregateStates.order(PAYLOAD_SEED, size);
    payloadText = new String(payload, StandardCharsets.UTF_8);
    for (long version = 100; version <= 500; version += 100) {
      store.save(Snapshot.builder(TYPE, LOADED_ID, version, payload).build());
    }
    // A second store of the same table on a recording view of the pool: what it sends is what the store sends.
    recorder = new StatementRecorder(pool);
    recordedStore = PostgresSnapshotStore.create(recorder.dataSource(), options);
    rawLoadLatest = only(recorder.during(() -> recordedStore.loadLatest(TYPE, LOADED_ID)), "SELECT", "loadLatest");
    loadColumns = columns(rawLoadLatest);
    if (!Arrays.equals(store.loadLatest(TYPE, LOADED_ID).orElseThrow().payload(), payload)
        || !Arrays.equals(rawLoadLatest(), payload)
        || store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow().version() != 300) {
      throw new IllegalStateException("the store does not read back what the benchmark saved");
    }
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    }
  }

  /** The store's save statement for one stream, recorded from a save at {@link #RECORDED_VERSION}, then undone. */
  RecordedStatement recordSave(String id) {
    Snapshot recorded = Snapshot.builder(TYPE, id, RECORDED_VERSION, payload).build();
    RecordedStatement save = only(recorder.during(() -> recordedStore.save(recorded)), "INSERT", "save");
    store.deleteStream(TYPE, id);
    return save;
  }

  /** The one statement of a store call whose text contains {@code keyword}, such as the save's upsert. */
  private static RecordedStatement only(List<RecordedStatement> statements, String keyword, String call) {
    List<RecordedStatement> matching = statements.stream().filter(statement -> statement.sql().contains(keyword))
        .toList();
    if (matching.size() != 1) {
      throw new IllegalStateException("expected one " + keyword + " statement from the store's " + call
          + " but it sent " + statements.stream().map(RecordedStatement::sql).toList());
    }
    return matching.get(0);
  }

  /** The positions of the columns the store reads, found by the table's column names (its schema.sql). */
  private int[] columns(RecordedStatement load) throws SQLException {
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(load.sql())) {
      load.bind(statement, value -> value);
      try (ResultSet row = statement.executeQuery()) {
        int[] columns = new int[7];
        String[] names =
            {"version", "payload", "serializer_id", "codec_id", "schema_revision", "metadata", "created_at"};
        for (int i = 0; i < names.length; i++) {
          columns[i] = row.findColumn(names[i]);
        }
        return columns;
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    recordedStore.close();
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
        PreparedStatement statement = connection.prepareStatement(rawLoadLatest.sql())) {
      rawLoadLatest.bind(statement, value -> value);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("no row");
        }
        long version = row.getLong(loadColumns[0]);
        byte[] bytes = row.getBytes(loadColumns[1]);
        String serializer = row.getString(loadColumns[2]);
        String codec = row.getString(loadColumns[3]);
        int revision = row.getInt(loadColumns[4]);
        String metadata = row.getString(loadColumns[5]);
        OffsetDateTime createdAt = row.getObject(loadColumns[6], OffsetDateTime.class);
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
    Long version = ++writer.version;
    Object createdAt = writer.now();
    try (Connection connection = pool.getConnection();
        PreparedStatement statement = connection.prepareStatement(writer.rawSave.sql())) {
      writer.rawSave.bind(statement, value -> value instanceof Long recorded && recorded == RECORDED_VERSION ? version
          : value == writer.recordedCreatedAt ? createdAt : value);
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
}

package dev.snapshotstore.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.benchmarks.servers.RedisServer;
import dev.snapshotstore.redis.RedisSnapshotStore;
import dev.snapshotstore.redis.RedisSnapshotStoreOptions;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

/**
 * {@link RedisSnapshotStore} against raw Jedis on the same server and the same pooled client, in one run:
 * {@code loadLatest} against a {@code GET} of the very bytes it reads; {@code save} against the source
 * documents' design (pipelined {@code SET} + {@code LPUSH} + {@code LTRIM}, the snapshot stored twice as JSON
 * text); {@code loadAtOrBefore}; {@code saveAll} of 100 against 100 single saves (both per snapshot). Retention
 * is 5 on both sides. Scores are operations (snapshots) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisBenchmark {

  public static final long PAYLOAD_SEED = 7;
  public static final int RETENTION = 5;
  public static final int BATCH = 100;
  static final String TYPE = "Order";
  static final String LOADED_ID = "loaded-order";
  /** The loaded stream holds versions 100 to 500; this asks for 300, the middle one. */
  static final long AT_OR_BEFORE = 350;

  private static final AtomicInteger WRITERS = new AtomicInteger();

  @Param({"1024", "10240", "102400", "1048576"})
  public int size;

  private RedisServer server;
  private RedisClient client;
  private RedisSnapshotStore store;
  private byte[] payload;
  private byte[] rawKey;

  /** One stream (and 100 for batches) per benchmark thread, so threads never write to one stream. */
  @State(Scope.Thread)
  public static class Writer {
    final String id = "written-order-" + WRITERS.incrementAndGet();
    final byte[] sourceKey = ("snapshot:" + TYPE + ":" + id).getBytes(StandardCharsets.UTF_8);
    final byte[] sourceHistoryKey = ("snapshot:" + TYPE + ":" + id + ":history").getBytes(StandardCharsets.UTF_8);
    long version;
  }

  @Setup(Level.Trial)
  public void setUp() {
    server = RedisServer.start();
    client = server.client();
    client.flushAll();
    store = RedisSnapshotStore.create(client,
        RedisSnapshotStoreOptions.builder().retention(Retention.keepLast(RETENTION)).build());
    payload = AggregateStates.order(PAYLOAD_SEED, size);
    for (long version = 100; version <= 500; version += 100) {
      store.save(Snapshot.builder(TYPE, LOADED_ID, version, payload).build());
    }
    // The raw baseline reads the same bytes loadLatest reads: the stored element with its header and checksum.
    byte[] element = client.lindex(("snapshot:{" + TYPE + ":" + LOADED_ID + "}:history").getBytes(StandardCharsets.UTF_8), 0);
    if (element == null || element.length < payload.length) {
      throw new IllegalStateException("the key layout changed: no element at the history key");
    }
    rawKey = ("raw:" + LOADED_ID).getBytes(StandardCharsets.UTF_8);
    client.set(rawKey, element);
    if (!Arrays.equals(store.loadLatest(TYPE, LOADED_ID).orElseThrow().payload(), payload)
        || store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow().version() != 300) {
      throw new IllegalStateException("the store does not read back what the benchmark saved");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    client.close();
    server.close();
  }

  @Benchmark
  public Snapshot loadLatest() {
    return store.loadLatest(TYPE, LOADED_ID).orElseThrow();
  }

  @Benchmark
  public byte[] rawGet() {
    return client.get(rawKey);
  }

  @Benchmark
  public Snapshot loadAtOrBefore() {
    return store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow();
  }

  @Benchmark
  public void save(Writer writer) {
    store.save(Snapshot.builder(TYPE, writer.id, ++writer.version, payload).build());
  }

  /**
   * The source documents' save: the snapshot as one JSON text (fields around the state, as
   * {@code json.dumps(asdict(snapshot))} writes it) set as the latest and pushed onto a history list trimmed
   * to the retention, in one pipeline. redis-py's default pipeline would also wrap it in MULTI/EXEC; this
   * one does not, which only makes the baseline faster.
   */
  @Benchmark
  public void sourceSave(Writer writer) {
    byte[] json = sourceJson(writer.id, ++writer.version, payload);
    try (AbstractPipeline pipeline = client.pipelined()) {
      pipeline.set(writer.sourceKey, json);
      pipeline.lpush(writer.sourceHistoryKey, json);
      pipeline.ltrim(writer.sourceHistoryKey, 0, RETENTION - 1);
      pipeline.sync();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void saveAll(Writer writer) {
    store.saveAll(batch(writer.id, ++writer.version, payload));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void singleSaves(Writer writer) {
    for (Snapshot snapshot : batch(writer.id, ++writer.version, payload)) {
      store.save(snapshot);
    }
  }

  /** One snapshot of each of 100 streams, as a background snapshotter or a migration would save them. */
  static List<Snapshot> batch(String prefix, long version, byte[] payload) {
    List<Snapshot> snapshots = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      snapshots.add(Snapshot.builder(TYPE, prefix + "-" + i, version, payload).build());
    }
    return snapshots;
  }

  static byte[] sourceJson(String id, long version, byte[] state) {
    byte[] head = ("{\"aggregate_type\": \"" + TYPE + "\", \"aggregate_id\": \"" + id + "\", \"version\": " + version
        + ", \"state\": ").getBytes(StandardCharsets.UTF_8);
    byte[] tail = (", \"timestamp\": " + System.currentTimeMillis() / 1000.0 + ", \"metadata\": null}")
        .getBytes(StandardCharsets.UTF_8);
    byte[] json = new byte[head.length + state.length + tail.length];
    System.arraycopy(head, 0, json, 0, head.length);
    System.arraycopy(state, 0, json, head.length, state.length);
    System.arraycopy(tail, 0, json, head.length + state.length, tail.length);
    return json;
  }
}

package dev.snapshotstore.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.benchmarks.servers.RedisServer;
import dev.snapshotstore.redis.RedisSnapshotStore;
import dev.snapshotstore.redis.RedisSnapshotStoreOptions;
import dev.snapshotstore.testservers.RedisVersion;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * {@link RedisSnapshotStore} against raw Jedis on the same server and the same pooled client, in one run, on
 * Redis 7.0 and 6.2 ({@code redis} parameter): {@code loadLatest} and {@code loadAtOrBefore} against a {@code GET}
 * of the very bytes they read; {@code save} against the source documents' design (pipelined {@code SET} +
 * {@code LPUSH} + {@code LTRIM}, the snapshot stored twice as JSON text) and against a plain {@code SET} of the
 * stored element; {@code saveAll} of 100 against 100 single saves (both per snapshot). Retention is 5 on every
 * side. Scores are operations (snapshots) per second.
 *
 * <p>Server side: every measurement iteration also records what the server spent per operation, from
 * {@code INFO commandstats} (the top-level commands the operation sends; a script's time includes the commands it
 * runs; no measured operation sends a top-level {@code ZADD}, and counting it would count the commit script's
 * twice) and from the
 * server main thread's CPU time ({@code INFO cpu}, which includes reading and writing the bytes on the socket).
 * They are printed and appended to {@code target/benchmark-results/redis-server-side.tsv}.
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
  /** The loaded stream holds versions 100 to 500; this asks for 350, which finds 300, the middle one. */
  static final long AT_OR_BEFORE = 350;
  /** The top-level commands the measured operations send; what {@code INFO commandstats} sums per operation. */
  static final Set<String> TOP_LEVEL = Set.of("set", "get", "getdel", "mget", "evalsha", "eval", "lpush", "ltrim");
  static final Path SERVER_SIDE = Path.of("target", "benchmark-results", "redis-server-side.tsv");

  private static final AtomicInteger WRITERS = new AtomicInteger();

  @Param({"1024", "10240", "102400", "1048576"})
  public int size;

  @Param({"7.0", "6.2"})
  public String redis;

  private RedisServer server;
  private RedisClient client;
  private RedisSnapshotStore store;
  private byte[] payload;
  private byte[] element;
  private byte[] rawKey;
  private final LongAdder operations = new LongAdder();
  private double cpuAtStart;

  /** One stream (and 100 for batches) per benchmark thread, so threads never write to one stream. */
  @State(Scope.Thread)
  public static class Writer {
    final String id = "written-order-" + WRITERS.incrementAndGet();
    final byte[] sourceKey = ("snapshot:" + TYPE + ":" + id).getBytes(StandardCharsets.UTF_8);
    final byte[] sourceHistoryKey = ("snapshot:" + TYPE + ":" + id + ":history").getBytes(StandardCharsets.UTF_8);
    final byte[] rawKey = ("raw:" + id).getBytes(StandardCharsets.UTF_8);
    long version;
  }

  @Setup(Level.Trial)
  public void setUp() {
    // the label only names the server when SNAPSHOT_BENCH_REDIS_URL points at one (another build of 7.0, say)
    server = RedisServer.start(redis.startsWith(RedisVersion.V6_2.label()) ? RedisVersion.V6_2 : RedisVersion.V7_0);
    client = server.client();
    client.flushAll();
    store = RedisSnapshotStore.create(client,
        RedisSnapshotStoreOptions.builder().retention(Retention.keepLast(RETENTION)).build());
    payload = AggregateStates.order(PAYLOAD_SEED, size);
    for (long version = 100; version <= 500; version += 100) {
      store.save(Snapshot.builder(TYPE, LOADED_ID, version, payload).build());
    }
    // The raw baselines read and write the same bytes the store does: the stored element, header and checksum.
    element = client.get(("snapshot:{" + TYPE + ":" + LOADED_ID + "}:latest").getBytes(StandardCharsets.UTF_8));
    if (element == null || element.length < payload.length) {
      throw new IllegalStateException("the key layout changed: no element at the latest key");
    }
    rawKey = ("raw:" + LOADED_ID).getBytes(StandardCharsets.UTF_8);
    client.set(rawKey, element);
    if (!store.loadLatest(TYPE, LOADED_ID).orElseThrow().payloadEquals(payload)
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

  @Setup(Level.Iteration)
  public void resetServerStatistics() {
    client.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
    cpuAtStart = mainThreadCpuSeconds(client.info("cpu"));
    operations.reset();
  }

  /** Records what the server spent per operation in a measurement iteration. */
  @TearDown(Level.Iteration)
  public void recordServerSide(BenchmarkParams benchmark, IterationParams iteration) {
    if (iteration.getType() != IterationType.MEASUREMENT) {
      return;
    }
    long ops = operations.sum();
    double cpuMicros = (mainThreadCpuSeconds(client.info("cpu")) - cpuAtStart) * 1e6 / Math.max(1, ops);
    Map<String, long[]> stats = commandStats(client.info("commandstats"));
    long usec = 0;
    StringBuilder perCommand = new StringBuilder();
    for (Map.Entry<String, long[]> entry : stats.entrySet()) {
      if (TOP_LEVEL.contains(entry.getKey())) {
        usec += entry.getValue()[1];
      }
      perCommand.append(entry.getKey()).append('=').append(entry.getValue()[0]).append('/')
          .append(entry.getValue()[1]).append("us ");
    }
    String method = benchmark.getBenchmark().substring(benchmark.getBenchmark().lastIndexOf('.') + 1);
    String line = String.join("\t", method, redis, Integer.toString(size), Integer.toString(benchmark.getThreads()),
        Long.toString(ops), String.format(Locale.ROOT, "%.2f", (double) usec / Math.max(1, ops)),
        String.format(Locale.ROOT, "%.2f", cpuMicros), perCommand.toString().trim());
    System.out.println("server-side\t" + line);
    try {
      Files.createDirectories(SERVER_SIDE.getParent());
      Files.writeString(SERVER_SIDE, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double mainThreadCpuSeconds(String info) {
    double seconds = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_sys_main_thread:") || line.startsWith("used_cpu_user_main_thread:")) {
        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return seconds;
  }

  /** Command name to {calls, usec}. */
  static Map<String, long[]> commandStats(String info) {
    Map<String, long[]> stats = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String name = line.substring("cmdstat_".length(), line.indexOf(':'));
      long calls = 0;
      long usec = 0;
      for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
        if (field.startsWith("calls=")) {
          calls = Long.parseLong(field.substring(6));
        } else if (field.startsWith("usec=")) {
          usec = Long.parseLong(field.substring(5));
        }
      }
      stats.put(name, new long[] {calls, usec});
    }
    return stats;
  }

  @Benchmark
  public Snapshot loadLatest() {
    operations.increment();
    return store.loadLatest(TYPE, LOADED_ID).orElseThrow();
  }

  @Benchmark
  public byte[] rawGet() {
    operations.increment();
    return client.get(rawKey);
  }

  @Benchmark
  public Snapshot loadAtOrBefore() {
    operations.increment();
    return store.loadAtOrBefore(TYPE, LOADED_ID, AT_OR_BEFORE).orElseThrow();
  }

  @Benchmark
  public void save(Writer writer) {
    operations.increment();
    store.save(Snapshot.builder(TYPE, writer.id, ++writer.version, payload).build());
  }

  /** A plain {@code SET} of the bytes a save stores: the least a save can cost the server. */
  @Benchmark
  public String rawSet(Writer writer) {
    operations.increment();
    return client.set(writer.rawKey, element);
  }

  /**
   * The source documents' save: the snapshot as one JSON text (fields around the state, as
   * {@code json.dumps(asdict(snapshot))} writes it) set as the latest and pushed onto a history list trimmed
   * to the retention, in one pipeline. redis-py's default pipeline would also wrap it in MULTI/EXEC; this
   * one does not, which only makes the baseline faster.
   */
  @Benchmark
  public void sourceSave(Writer writer) {
    operations.increment();
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
    operations.add(BATCH);
    store.saveAll(batch(writer.id, ++writer.version, payload));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void singleSaves(Writer writer) {
    operations.add(BATCH);
    for (Snapshot snapshot : batch(writer.id, ++writer.version, payload)) {
      store.save(snapshot);
    }
  }

  // ---------------------------------------------------------------------------- paired measurement

  /**
   * Server time per operation for {@link PairedHarness}: {@code INFO commandstats} microseconds of the top-level
   * commands ({@link #TOP_LEVEL}) over a block, per call: a save's staging {@code SET} and its {@code EVALSHA}, whose
   * time includes the commands the script runs.
   */
  PairedHarness.Probe serverTimeProbe() {
    return new PairedHarness.Probe() {
      @Override
      public void beforeBlock() {
        client.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
      }

      @Override
      public double afterBlock(long calls) {
        long usec = 0;
        for (Map.Entry<String, long[]> entry : commandStats(client.info("commandstats")).entrySet()) {
          if (TOP_LEVEL.contains(entry.getKey())) {
            usec += entry.getValue()[1];
          }
        }
        return (double) usec / Math.max(1, calls);
      }
    };
  }

  /** {@code java -cp ... dev.snapshotstore.benchmarks.RedisBenchmark}: the paired pass of this family alone. */
  public static void main(String[] args) throws Exception {
    PairedRun.main(new String[] {"redis", SERVER_SIDE.resolveSibling("redis.tsv").toString()});
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

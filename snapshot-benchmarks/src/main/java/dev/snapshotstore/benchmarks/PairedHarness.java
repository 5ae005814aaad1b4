package dev.snapshotstore.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.snapshotstore.benchmarks.report.PairedResult;

/**
 * Ratios that repeat on a machine whose speed drifts within seconds (2 shared cores, a neighbour's build): the
 * operations of a group run in <em>alternating blocks</em> of a few hundred milliseconds, in one JVM, on one server
 * and one client, and every round compares an operation with its baseline from the same round, seconds apart rather
 * than minutes. The verdict then rests on the median of the rounds' ratios and on their spread (min-max), not on one
 * trial's mean.
 *
 * <p>A round runs each operation of the group once, for {@link Settings#blockMillis()}, on {@code threads} threads
 * that each keep their own state across blocks; the order rotates from round to round, so neither side always runs
 * first after the other one's garbage. Warm-up rounds run the same way and are discarded.
 *
 * @param <T> the per-thread state (a writer's stream, a compressor); built once per thread for the whole group
 */
public final class PairedHarness<T> {

  /** One operation, run in a loop by each thread on its own state. */
  @FunctionalInterface
  public interface Operation<T> {
    void run(T state) throws Exception;
  }

  /** Optional per-block measurement beside ops/s: what the server spent, read around the block. */
  public interface Probe {
    void beforeBlock();

    /** A value per operation for the block that just ended ({@code operations} calls). */
    double afterBlock(long operations);
  }

  /** What a ratio compares: time per operation, throughput, or the probe's value per operation. */
  public enum Measure {
    /** baseline ops/s over ours: how many times longer ours takes; lower is better. */
    TIME,
    /** ours ops/s over the baseline's; higher is better. */
    THROUGHPUT,
    /** ours probe value over the baseline's (server µs per operation); lower is better. */
    PROBE
  }

  /**
   * Rounds and block length of a pass.
   *
   * @param warmupRounds rounds run first and discarded (pools, the server's memory)
   * @param coldWarmupRounds the same for a group with an operation that has not run yet in this JVM (the JIT)
   * @param rounds measured rounds; each gives one ratio per comparison
   * @param blockMillis how long each operation runs in a round
   */
  public record Settings(int warmupRounds, int coldWarmupRounds, int rounds, long blockMillis) {

    public Settings {
      if (warmupRounds < 0 || coldWarmupRounds < 0 || rounds < 1 || blockMillis < 1) {
        throw new IllegalArgumentException("warmupRounds and coldWarmupRounds must be >= 0, rounds >= 1 and"
            + " blockMillis >= 1 but were " + warmupRounds + ", " + coldWarmupRounds + ", " + rounds + ", "
            + blockMillis);
      }
    }

    /** The full pass, or the quick one when {@code BENCH_QUICK} is set (development only: wide spreads). */
    public static Settings fromEnvironment() {
      boolean quick = System.getenv("BENCH_QUICK") != null && !System.getenv("BENCH_QUICK").isEmpty()
          && !System.getenv("BENCH_QUICK").equals("0");
      int rounds = Integer.getInteger("bench.rounds", quick ? 4 : 11);
      int warmup = Integer.getInteger("bench.warmupRounds", quick ? 1 : 2);
      int coldWarmup = Integer.getInteger("bench.coldWarmupRounds", quick ? 4 : 8);
      long block = Long.getLong("bench.blockMillis", quick ? 100 : 200);
      return new Settings(warmup, coldWarmup, rounds, block);
    }

    public String describe() {
      return warmupRounds + " warm-up (" + coldWarmupRounds + " for an operation's first group) + " + rounds
          + " measured rounds of " + blockMillis + " ms blocks";
    }
  }

  /** Operations that already ran in this JVM: the first group that runs one warms it up longer. */
  private static final Set<String> WARMED = ConcurrentHashMap.newKeySet();

  private final String family;
  private final String server;
  private final int size;
  private final int threads;
  private final Settings settings;
  private final Map<String, Operation<T>> operations = new LinkedHashMap<>();
  private final List<String[]> comparisons = new ArrayList<>();
  private final List<Measure> measures = new ArrayList<>();
  private final IntFunction<T> stateFactory;
  private Probe probe;

  /**
   * A group of operations measured together.
   *
   * @param family the report section (redis, postgres, compression)
   * @param server the server label (Redis version), or "" for none
   * @param size payload bytes
   * @param threads threads running each block at once
   * @param stateFactory builds one thread's state from its index, on that thread
   */
  public PairedHarness(String family, String server, int size, int threads, Settings settings,
      IntFunction<T> stateFactory) {
    this.family = family;
    this.server = server;
    this.size = size;
    this.threads = threads;
    this.settings = settings;
    this.stateFactory = stateFactory;
  }

  public PairedHarness<T> operation(String name, Operation<T> operation) {
    operations.put(name, operation);
    return this;
  }

  public PairedHarness<T> probe(Probe probe) {
    this.probe = probe;
    return this;
  }

  /** Reports {@code ours} against {@code baseline}, both added with {@link #operation}. */
  public PairedHarness<T> compare(String ours, String baseline, Measure measure) {
    if (!operations.containsKey(ours) || !operations.containsKey(baseline)) {
      throw new IllegalArgumentException("compare needs two added operations but got '" + ours + "' and '"
          + baseline + "' (added: " + operations.keySet() + ")");
    }
    if (measure == Measure.PROBE && probe == null) {
      throw new IllegalArgumentException("measure PROBE needs a probe; set it before compare");
    }
    comparisons.add(new String[] {ours, baseline});
    measures.add(measure);
    return this;
  }

  /** Runs the warm-up and measured rounds and returns one result per comparison. */
  public List<PairedResult> run() throws Exception {
    List<String> names = new ArrayList<>(operations.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> states = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        states.add(pool.submit(() -> stateFactory.apply(index)).get(2, TimeUnit.MINUTES));
      }
      Map<String, List<double[]>> blocks = new LinkedHashMap<>();
      names.forEach(name -> blocks.put(name, new ArrayList<>()));
      // The JIT compiles an operation's path during its first seconds; the sizes and servers after the first share
      // that code, and the first one would otherwise be measured half-interpreted.
      int warmup = settings.warmupRounds();
      for (String name : names) {
        if (WARMED.add(family + '.' + name)) {
          warmup = Math.max(warmup, settings.coldWarmupRounds());
        }
      }
      for (int round = 0; round < warmup + settings.rounds(); round++) {
        boolean measured = round >= warmup;
        for (int i = 0; i < names.size(); i++) {
          String name = names.get((round + i) % names.size());
          double[] block = block(pool, states, operations.get(name));
          if (measured) {
            blocks.get(name).add(block);
          }
        }
      }
      List<PairedResult> results = new ArrayList<>();
      for (int c = 0; c < comparisons.size(); c++) {
        String ours = comparisons.get(c)[0];
        String baseline = comparisons.get(c)[1];
        Measure measure = measures.get(c);
        int field = measure == Measure.PROBE ? 1 : 0;
        List<Double> ratios = new ArrayList<>();
        List<Double> oursValues = new ArrayList<>();
        List<Double> baselineValues = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
          double a = blocks.get(ours).get(round)[field];
          double b = blocks.get(baseline).get(round)[field];
          oursValues.add(a);
          baselineValues.add(b);
          ratios.add(measure == Measure.TIME ? b / a : a / b);
        }
        PairedResult result = new PairedResult(family, server, size, threads, ours, baseline, measure.name(),
            PairedResult.median(oursValues), PairedResult.median(baselineValues), ratios);
        System.out.println(result.describe());
        results.add(result);
      }
      return results;
    } finally {
      pool.shutdownNow();
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        System.err.println("benchmark threads still running a minute after the group ended");
      }
    }
  }

  /** One block: {ops/s, probe value per operation}. */
  private double[] block(ExecutorService pool, List<T> states, Operation<T> operation) throws Exception {
    if (probe != null) {
      probe.beforeBlock();
    }
    CountDownLatch start = new CountDownLatch(1);
    long[] deadline = new long[1];
    List<Future<Long>> counts = new ArrayList<>();
    for (T state : states) {
      counts.add(pool.submit(() -> {
        start.await();
        long done = 0;
        while (System.nanoTime() < deadline[0]) {
          operation.run(state);
          done++;
        }
        return done;
      }));
    }
    long started = System.nanoTime();
    deadline[0] = started + TimeUnit.MILLISECONDS.toNanos(settings.blockMillis());
    start.countDown();
    long calls = 0;
    for (Future<Long> count : counts) {
      // a single call (a 1 MiB save on a busy server) may overrun the block; a minute means something hangs
      calls += count.get(settings.blockMillis() + 60_000, TimeUnit.MILLISECONDS);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double probed = probe == null ? Double.NaN : probe.afterBlock(calls);
    return new double[] {calls / seconds, probed};
  }
}

package dev.snapshotstore.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.snapshotstore.benchmarks.PairedHarness.Measure;
import dev.snapshotstore.benchmarks.PairedHarness.Settings;
import dev.snapshotstore.benchmarks.report.PairedResult;

/**
 * The paired pass of one family, as {@code run-benchmarks.sh} runs it: {@code PairedRun <family> <output.tsv>}, with
 * family {@code redis}, {@code postgres} or {@code compression}. Each family's groups call the JMH benchmark classes'
 * own set-up and benchmark methods, so the paired pass and a JMH run measure the same code. Settings come from
 * {@code BENCH_QUICK} and the {@code bench.rounds}, {@code bench.warmupRounds}, {@code bench.blockMillis} system
 * properties ({@link Settings#fromEnvironment()}).
 */
public final class PairedRun {

  /** The zstd levels of the compression curve, beside Deflater at level 6 and the codec's default policy. */
  static final int MAX_CURVE_LEVEL = 9;
  static final List<Integer> CURVE_SIZES = List.of(10 * 1024, 100 * 1024, 1024 * 1024);

  private PairedRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: PairedRun <redis|postgres|compression> <output.tsv>");
      System.exit(2);
    }
    Settings settings = Settings.fromEnvironment();
    System.out.println("paired pass of " + args[0] + ": " + settings.describe());
    Path output = Path.of(args[1]);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, "# " + settings.describe() + "\n", StandardCharsets.UTF_8);
    switch (args[0]) {
      case "redis" -> redis(settings, output);
      case "postgres" -> postgres(settings, output);
      case "compression" -> compression(settings, output);
      default -> throw new IllegalArgumentException("family must be redis, postgres or compression but was '"
          + args[0] + "'");
    }
  }

  private static void write(Path output, List<PairedResult> results) throws Exception {
    StringBuilder lines = new StringBuilder();
    results.forEach(result -> lines.append(result.toLine()).append('\n'));
    Files.writeString(output, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  static void redis(Settings settings, Path output) throws Exception {
    for (String version : List.of("7.0", "6.2")) {
      for (int size : AggregateStates.SIZES) {
        RedisBenchmark bench = new RedisBenchmark();
        bench.redis = version;
        bench.size = size;
        bench.setUp();
        try {
          PairedHarness<RedisBenchmark.Writer> loads = new PairedHarness<>("redis", version, size, 1, settings,
              thread -> new RedisBenchmark.Writer())
              .operation("loadLatest", writer -> bench.loadLatest())
              .operation("rawGet", writer -> bench.rawGet())
              .compare("loadLatest", "rawGet", Measure.TIME);
          if (size == 1024 || size == 1024 * 1024) {
            loads.operation("loadAtOrBefore", writer -> bench.loadAtOrBefore())
                .compare("loadAtOrBefore", "rawGet", Measure.TIME);
          }
          write(output, loads.run());
          write(output, new PairedHarness<>("redis", version, size, 1, settings, thread -> new RedisBenchmark.Writer())
              .probe(bench.serverTimeProbe())
              .operation("save", bench::save)
              .operation("sourceSave", bench::sourceSave)
              .operation("rawSet", bench::rawSet)
              .compare("save", "sourceSave", Measure.TIME)
              .compare("save", "rawSet", Measure.PROBE)
              .run());
          if (size == 1024) {
            write(output, new PairedHarness<>("redis", version, size, 1, settings,
                thread -> new RedisBenchmark.Writer())
                .operation("saveAll", bench::saveAll)
                .operation("singleSaves", bench::singleSaves)
                .compare("saveAll", "singleSaves", Measure.THROUGHPUT)
                .run());
          }
          write(output, new PairedHarness<>("redis", version, size, 8, settings, thread -> new RedisBenchmark.Writer())
              .operation("loadLatest", writer -> bench.loadLatest())
              .operation("rawGet", writer -> bench.rawGet())
              .compare("loadLatest", "rawGet", Measure.TIME)
              .run());
        } finally {
          bench.tearDown();
        }
      }
    }
  }

  static void postgres(Settings settings, Path output) throws Exception {
    for (int size : AggregateStates.SIZES) {
      PostgresBenchmark bench = new PostgresBenchmark();
      bench.size = size;
      bench.setUp();
      try {
        for (int threads : List.of(1, 8)) {
          PairedHarness<PostgresBenchmark.Writer> loads = new PairedHarness<>("postgres", "", size, threads, settings,
              thread -> writer(bench))
              .operation("loadLatest", writer -> bench.loadLatest())
              .operation("rawLoadLatest", writer -> bench.rawLoadLatest())
              .compare("loadLatest", "rawLoadLatest", Measure.TIME);
          if (threads == 1 && size == 1024) {
            loads.operation("loadAtOrBefore", writer -> bench.loadAtOrBefore())
                .compare("loadAtOrBefore", "rawLoadLatest", Measure.TIME);
          }
          write(output, loads.run());
          PairedHarness<PostgresBenchmark.Writer> saves = new PairedHarness<>("postgres", "", size, threads, settings,
              thread -> writer(bench))
              .operation("save", bench::save)
              .operation("rawSave", bench::rawSave)
              .compare("save", "rawSave", Measure.TIME);
          if (threads == 1) {
            saves.operation("jsonbSave", bench::jsonbSave).compare("save", "jsonbSave", Measure.TIME);
          }
          write(output, saves.run());
        }
        if (size == 1024) {
          write(output, new PairedHarness<>("postgres", "", size, 1, settings, thread -> writer(bench))
              .operation("saveAll", bench::saveAll)
              .operation("singleSaves", bench::singleSaves)
              .compare("saveAll", "singleSaves", Measure.THROUGHPUT)
              .run());
        }
      } finally {
        bench.tearDown();
      }
    }
  }

  private static PostgresBenchmark.Writer writer(PostgresBenchmark bench) {
    PostgresBenchmark.Writer writer = new PostgresBenchmark.Writer();
    // the recorder notes what one store call sends: one writer records at a time
    synchronized (bench) {
      writer.record(bench);
    }
    return writer;
  }

  /**
   * The compression curve: zstd levels 1 to {@value #MAX_CURVE_LEVEL} and the codec's default policy, each against
   * Deflater at level 6 in a pair of its own, compress speed per round (one thread; each candidate keeps its
   * contexts across blocks). Pairs, not one group of eleven: in a group, a candidate's block and Deflater's were up to
   * ten blocks apart, and the ratios of two runs differed by 20%. Compressing a few hundred KiB takes microseconds to
   * a few milliseconds, so half-length blocks still hold hundreds of calls and the pass stays as short.
   */
  static void compression(Settings settings, Path output) throws Exception {
    Settings pairs = new Settings(settings.warmupRounds(), settings.coldWarmupRounds(), settings.rounds(),
        Math.max(1, settings.blockMillis() / 2));
    List<String> candidates = new ArrayList<>();
    for (int level = 1; level <= MAX_CURVE_LEVEL; level++) {
      candidates.add("zstd-" + level);
    }
    candidates.add(CompressionCandidate.DEFAULT_POLICY);
    // a sink the JIT cannot see through: every compressed length is added in
    long[] sink = new long[1];
    for (int size : CURVE_SIZES) {
      byte[] raw = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size);
      CompressionCandidate baseline = CompressionCandidate.create(CompressionCandidate.BASELINE);
      for (String name : candidates) {
        CompressionCandidate candidate = CompressionCandidate.create(name);
        write(output, new PairedHarness<>("compression", "", size, 1, pairs, thread -> new Object())
            .operation(baseline.name(), state -> sink[0] += baseline.compress(raw).length)
            .operation(name, state -> sink[0] += candidate.compress(raw).length)
            .compare(name, baseline.name(), Measure.THROUGHPUT)
            .run());
      }
    }
    if (sink[0] == 42) {
      System.out.println("(sink)");
    }
  }
}

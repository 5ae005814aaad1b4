package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.snapshotstore.benchmarks.AggregateStates;
import dev.snapshotstore.benchmarks.CompressionBenchmark;
import dev.snapshotstore.benchmarks.CompressionCandidate;

/**
 * Compression: MB/s of uncompressed JSON from {@link CompressionBenchmark}, ratios computed here on the same
 * payloads (they are deterministic, so they need no timing), and the goals of the compression issue.
 */
public final class CompressionSection implements ReportSection {

  static final String BASELINE = "deflate-6";
  static final String DEFAULT_LEVEL = "zstd-3";
  static final String DEFAULT_LEVEL_DICTIONARY = "zstd-3-dict";
  static final double SPEED_GOAL = 3.0;
  static final double RATIO_TOLERANCE = 0.9;
  static final double DICTIONARY_GOAL = 1.8;

  private final Map<String, Integer> compressedSizes = new HashMap<>();

  @Override
  public boolean claims(JmhResult result) {
    return result.className().equals(CompressionBenchmark.class.getSimpleName());
  }

  @Override
  public void write(List<JmhResult> results, StringBuilder markdown) {
    Map<String, Double> mbPerSecond = new HashMap<>();
    TreeSet<Integer> sizes = new TreeSet<>();
    for (JmhResult result : results) {
      int size = Integer.parseInt(result.param("size"));
      sizes.add(size);
      int rawLength = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size).length;
      mbPerSecond.put(key(result.method(), result.param("candidate"), size), result.median() * rawLength / 1e6);
    }
    markdown.append("## Compression\n\n")
        .append("Realistic JSON order states (`AggregateStates`, seed ").append(CompressionBenchmark.PAYLOAD_SEED)
        .append("). MB/s = 10^6 bytes of *uncompressed* JSON per second, median of the measurement iterations,")
        .append(" one thread. Ratio = uncompressed / compressed size. zstd runs through `ZstdCodec` as users get it")
        .append(" (pooled contexts, 4-byte checksum); the dictionary (16 KiB) is trained on 1,000 other 1 KiB orders.")
        .append(" The Deflater baseline reuses its Deflater/Inflater and is told the exact decoded size.\n\n");
    for (int size : sizes) {
      int rawLength = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size).length;
      markdown.append("### ").append(Markdown.size(size)).append(" (").append(rawLength).append(" bytes)\n\n");
      List<List<String>> rows = new ArrayList<>();
      for (String candidate : CompressionCandidate.NAMES) {
        double compress = mbPerSecond.getOrDefault(key("compress", candidate, size), Double.NaN);
        double decompress = mbPerSecond.getOrDefault(key("decompress", candidate, size), Double.NaN);
        double baseCompress = mbPerSecond.getOrDefault(key("compress", BASELINE, size), Double.NaN);
        double baseDecompress = mbPerSecond.getOrDefault(key("decompress", BASELINE, size), Double.NaN);
        int compressed = compressedSize(candidate, size);
        rows.add(List.of(candidate, Markdown.ratio((double) rawLength / compressed), String.valueOf(compressed),
            Markdown.number(compress), Markdown.number(decompress), Markdown.ratio(compress / baseCompress),
            Markdown.ratio(decompress / baseDecompress)));
      }
      Markdown.table(markdown, List.of("candidate", "ratio", "compressed bytes", "compress MB/s", "decompress MB/s",
          "compress vs deflate-6", "decompress vs deflate-6"), rows);
    }
    writeGoals(markdown, sizes, mbPerSecond);
  }

  private void writeGoals(StringBuilder markdown, TreeSet<Integer> sizes, Map<String, Double> mbPerSecond) {
    markdown.append("### Goals (compression issue)\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (int size : sizes.tailSet(10 * 1024)) {
      double speed = mbPerSecond.getOrDefault(key("compress", DEFAULT_LEVEL, size), Double.NaN)
          / mbPerSecond.getOrDefault(key("compress", BASELINE, size), Double.NaN);
      rows.add(List.of("zstd-3 compresses >= " + SPEED_GOAL + "x faster than deflate-6", Markdown.size(size),
          Markdown.ratio(speed), Double.isNaN(speed) ? "not measured" : Markdown.verdict(speed >= SPEED_GOAL)));
      double relativeRatio = (double) compressedSize(BASELINE, size) / compressedSize(DEFAULT_LEVEL, size);
      rows.add(List.of("zstd-3 ratio within 10% of deflate-6 (ratio / deflate's ratio >= " + RATIO_TOLERANCE + ")",
          Markdown.size(size), Markdown.ratio(relativeRatio), Markdown.verdict(relativeRatio >= RATIO_TOLERANCE)));
    }
    if (sizes.contains(1024)) {
      double smaller = (double) compressedSize(BASELINE, 1024) / compressedSize(DEFAULT_LEVEL_DICTIONARY, 1024);
      rows.add(List.of("zstd-3 with a trained dictionary makes 1 KiB states >= " + DICTIONARY_GOAL
          + "x smaller than deflate-6", "1 KiB", Markdown.ratio(smaller), Markdown.verdict(smaller >= DICTIONARY_GOAL)));
    }
    Markdown.table(markdown, List.of("goal", "size", "measured", "verdict"), rows);
    if (rows.stream().anyMatch(row -> row.get(3).equals(Markdown.verdict(false)))) {
      markdown.append("A missed goal stays in the table as measured. The `zstd-6` rows show what a higher level")
          .append(" costs and gains on the same payloads; the default level stays 3 unless changed on purpose.\n\n");
    }
  }

  private int compressedSize(String candidate, int size) {
    return compressedSizes.computeIfAbsent(key("size", candidate, size), ignored -> {
      byte[] raw = AggregateStates.order(CompressionBenchmark.PAYLOAD_SEED, size);
      return CompressionCandidate.create(candidate).compress(raw).length;
    });
  }

  private static String key(String method, String candidate, int size) {
    return method + '|' + candidate + '|' + size;
  }
}

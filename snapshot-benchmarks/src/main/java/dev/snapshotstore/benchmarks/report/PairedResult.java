package dev.snapshotstore.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One comparison measured by {@code PairedHarness}: our operation against its baseline in alternating blocks, one
 * ratio per round. Stored one per line, tab-separated, in {@code target/benchmark-results/*.tsv}.
 *
 * @param family report family: {@code redis}, {@code postgres}, {@code compression}
 * @param server server label (Redis version) or empty
 * @param size payload bytes
 * @param threads threads per block
 * @param ours our operation
 * @param baseline the operation it is compared with
 * @param measure {@code TIME} (baseline ops/s / ours: lower is better), {@code THROUGHPUT} (ours / baseline) or
 *     {@code PROBE} (ours server µs per operation / baseline's)
 * @param oursValue median over rounds of ours (ops/s, or µs per operation for PROBE)
 * @param baselineValue the same for the baseline
 * @param ratios one ratio per measured round, in round order
 */
public record PairedResult(String family, String server, int size, int threads, String ours, String baseline,
    String measure, double oursValue, double baselineValue, List<Double> ratios) {

  public PairedResult {
    ratios = List.copyOf(ratios);
    if (ratios.isEmpty()) {
      throw new IllegalArgumentException("ratios must not be empty (" + ours + " vs " + baseline + ")");
    }
  }

  public double medianRatio() {
    return median(ratios);
  }

  public double minRatio() {
    return ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double maxRatio() {
    return ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** The median of the values (the mean of the middle two for an even count). */
  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  public String toLine() {
    StringBuilder line = new StringBuilder(String.join("\t", family, server, Integer.toString(size),
        Integer.toString(threads), ours, baseline, measure, format(oursValue), format(baselineValue)));
    line.append('\t');
    for (int i = 0; i < ratios.size(); i++) {
      line.append(i == 0 ? "" : ",").append(format(ratios.get(i)));
    }
    return line.toString();
  }

  public static PairedResult parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 10) {
      throw new IllegalArgumentException("a paired result line has 10 tab-separated fields but this has "
          + fields.length + ": " + line);
    }
    List<Double> ratios = new ArrayList<>();
    Arrays.stream(fields[9].split(",")).forEach(ratio -> ratios.add(Double.parseDouble(ratio)));
    return new PairedResult(fields[0], fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]),
        fields[4], fields[5], fields[6], Double.parseDouble(fields[7]), Double.parseDouble(fields[8]), ratios);
  }

  public static List<PairedResult> read(Path file) throws IOException {
    List<PairedResult> results = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        results.add(parse(line));
      }
    }
    return results;
  }

  /** One line for the console while a pass runs. */
  public String describe() {
    return String.format(Locale.ROOT, "paired %s %s %d B %d thr: %s/%s %s median %.3f (%.3f-%.3f, %d rounds)",
        family, server, size, threads, ours, baseline, measure, medianRatio(), minRatio(), maxRatio(), ratios.size());
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value);
  }
}

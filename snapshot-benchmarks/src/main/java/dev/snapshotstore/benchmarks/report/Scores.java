package dev.snapshotstore.benchmarks.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Medians of one benchmark class by method, payload size and thread count; a score that did not run is NaN,
 * so a partial run (one family, a subset of sizes) still renders, with "n/a" where nothing was measured.
 */
final class Scores {

  private final Map<String, Double> medians = new HashMap<>();
  private final TreeSet<Integer> sizes = new TreeSet<>();
  private final TreeSet<Integer> threads = new TreeSet<>();

  Scores(List<JmhResult> results, String sizeParameter) {
    for (JmhResult result : results) {
      String size = result.paramOrNull(sizeParameter);
      int parsed = size == null ? 0 : Integer.parseInt(size);
      sizes.add(parsed);
      threads.add(result.threads());
      medians.put(key(result.method(), parsed, result.threads()), result.median());
    }
  }

  double get(String method, int size, int threadCount) {
    return medians.getOrDefault(key(method, size, threadCount), Double.NaN);
  }

  boolean has(String method, int size, int threadCount) {
    return medians.containsKey(key(method, size, threadCount));
  }

  TreeSet<Integer> sizes() {
    return sizes;
  }

  TreeSet<Integer> threads() {
    return threads;
  }

  /** How many times longer an operation takes than the baseline's, from two throughputs. */
  static double timeRatio(double ours, double baseline) {
    return baseline / ours;
  }

  private static String key(String method, int size, int threadCount) {
    return method + '|' + size + '|' + threadCount;
  }
}

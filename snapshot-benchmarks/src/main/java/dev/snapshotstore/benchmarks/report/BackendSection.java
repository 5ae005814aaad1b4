package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.function.IntPredicate;

/**
 * One backend's store against its baselines (same server, same client, same run): a table per thread count,
 * the saveAll batch against single saves, and each goal of the benchmarks issue marked met or missed. Ratios
 * of time per operation are {@code baseline ops/s / our ops/s}: 1.10x means ours takes 10% longer.
 */
class BackendSection implements ReportSection {

  static final int BATCH_SIZE = 1024;

  /**
   * A goal on a time ratio for some payload sizes.
   *
   * @param text the goal as the issue states it, with its threshold
   * @param sizes the payload sizes it applies to
   * @param met whether a time ratio meets it
   */
  record Goal(String text, IntPredicate sizes, DoublePredicate met) {}

  /** Our operation against a baseline operation, with the goals on their time ratio. */
  record Comparison(String ours, String baseline, List<Goal> goals) {}

  private final String className;
  private final String title;
  private final String introduction;
  private final List<Comparison> comparisons;
  private final List<String> alone;
  private final double batchGoal;

  BackendSection(String className, String title, String introduction, List<Comparison> comparisons,
      List<String> alone, double batchGoal) {
    this.className = className;
    this.title = title;
    this.introduction = introduction;
    this.comparisons = comparisons;
    this.alone = alone;
    this.batchGoal = batchGoal;
  }

  @Override
  public boolean claims(JmhResult result) {
    return result.className().equals(className);
  }

  @Override
  public void write(List<JmhResult> results, StringBuilder markdown) {
    Scores scores = new Scores(results, "size");
    markdown.append("## ").append(title).append("\n\n").append(introduction).append("\n\n");
    List<List<String>> goalRows = new ArrayList<>();
    for (int threads : scores.threads()) {
      List<String> header = new ArrayList<>(List.of("size"));
      Set<String> shown = new LinkedHashSet<>();
      for (Comparison comparison : comparisons) {
        if (shown.add(comparison.ours())) {
          header.add(comparison.ours() + " ops/s");
        }
        header.add(comparison.baseline() + " ops/s");
        header.add(comparison.ours() + " time vs " + comparison.baseline());
      }
      alone.forEach(method -> header.add(method + " ops/s"));
      List<List<String>> rows = new ArrayList<>();
      for (int size : scores.sizes()) {
        if (!measuredAt(scores, size, threads)) {
          continue;
        }
        List<String> row = new ArrayList<>(List.of(Markdown.size(size)));
        Set<String> written = new LinkedHashSet<>();
        for (Comparison comparison : comparisons) {
          double ours = scores.get(comparison.ours(), size, threads);
          double baseline = scores.get(comparison.baseline(), size, threads);
          if (written.add(comparison.ours())) {
            row.add(Markdown.number(ours));
          }
          row.add(Markdown.number(baseline));
          double ratio = Scores.timeRatio(ours, baseline);
          row.add(Markdown.ratio(ratio));
          for (Goal goal : comparison.goals()) {
            if (goal.sizes().test(size) && !Double.isNaN(ratio)) {
              goalRows.add(List.of(goal.text(), Markdown.size(size), Integer.toString(threads), Markdown.ratio(ratio),
                  Markdown.verdict(goal.met().test(ratio))));
            }
          }
        }
        alone.forEach(method -> row.add(Markdown.number(scores.get(method, size, threads))));
        rows.add(row);
      }
      if (!rows.isEmpty()) {
        markdown.append("### ").append(threads).append(threads == 1 ? " thread" : " threads").append("\n\n");
        Markdown.table(markdown, header, rows);
      }
    }
    writeBatch(scores, markdown, goalRows);
    markdown.append("### Goals (").append(title).append(")\n\n");
    Markdown.table(markdown, List.of("goal", "size", "threads", "measured", "verdict"), goalRows);
  }

  private void writeBatch(Scores scores, StringBuilder markdown, List<List<String>> goalRows) {
    List<List<String>> rows = new ArrayList<>();
    for (int threads : scores.threads()) {
      if (!scores.has("saveAll", BATCH_SIZE, threads) && !scores.has("singleSaves", BATCH_SIZE, threads)) {
        continue;
      }
      double batch = scores.get("saveAll", BATCH_SIZE, threads);
      double single = scores.get("singleSaves", BATCH_SIZE, threads);
      double ratio = batch / single;
      rows.add(List.of(Markdown.size(BATCH_SIZE), Integer.toString(threads), Markdown.number(batch),
          Markdown.number(single), Markdown.ratio(ratio)));
      if (!Double.isNaN(ratio)) {
        goalRows.add(List.of("saveAll of 100 >= " + batchGoal + "x the throughput of 100 single saves",
            Markdown.size(BATCH_SIZE), Integer.toString(threads), Markdown.ratio(ratio),
            Markdown.verdict(ratio >= batchGoal)));
      }
    }
    if (!rows.isEmpty()) {
      markdown.append("### saveAll of 100 against 100 single saves\n\n")
          .append("Snapshots per second, one snapshot of each of 100 streams per call.\n\n");
      Markdown.table(markdown, List.of("size", "threads", "saveAll snapshots/s", "single saves snapshots/s",
          "throughput ratio"), rows);
    }
  }

  private boolean measuredAt(Scores scores, int size, int threads) {
    for (Comparison comparison : comparisons) {
      if (scores.has(comparison.ours(), size, threads) || scores.has(comparison.baseline(), size, threads)) {
        return true;
      }
    }
    return alone.stream().anyMatch(method -> scores.has(method, size, threads));
  }

  static IntPredicate upTo(int bytes) {
    return size -> size <= bytes;
  }

  static IntPredicate from(int bytes) {
    return size -> size >= bytes;
  }
}

package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One backend's store against its baselines, from paired results (same server, same client, alternating blocks):
 * a table per thread count with each comparison's median ratio and its spread over the rounds, and each goal of the
 * benchmarks issue marked met only when the whole spread is inside it.
 */
class BackendSection implements ReportSection {

  /**
   * A goal on the ratio of one comparison.
   *
   * @param text the goal as the issue states it, with its threshold
   * @param ours our operation
   * @param baseline its baseline
   * @param applies which results (sizes, threads, server) the goal covers
   * @param threshold the limit
   * @param atMost whether the ratio must stay at or below the limit (else at or above)
   */
  record Goal(String text, String ours, String baseline, Predicate<PairedResult> applies, double threshold,
      boolean atMost) {

    boolean covers(PairedResult result) {
      return result.ours().equals(ours) && result.baseline().equals(baseline) && applies.test(result);
    }

    /** Met when the whole spread is inside the goal; a spread that crosses the limit is not a pass. */
    String verdict(PairedResult result) {
      boolean met = atMost ? result.maxRatio() <= threshold : result.minRatio() >= threshold;
      if (met) {
        return "met";
      }
      boolean medianInside = atMost ? result.medianRatio() <= threshold : result.medianRatio() >= threshold;
      return medianInside ? "**MISSED** (spread crosses the goal)" : "**MISSED**";
    }
  }

  private final String family;
  private final String title;
  private final String introduction;
  private final List<Goal> goals;

  BackendSection(String family, String title, String introduction, List<Goal> goals) {
    this.family = family;
    this.title = title;
    this.introduction = introduction;
    this.goals = goals;
  }

  @Override
  public boolean claims(PairedResult result) {
    return result.family().equals(family);
  }

  @Override
  public void write(List<JmhResult> results, List<PairedResult> paired, StringBuilder markdown) {
    markdown.append("## ").append(title).append("\n\n").append(introduction).append("\n\n");
    TreeSet<Integer> threads = new TreeSet<>();
    paired.forEach(result -> threads.add(result.threads()));
    for (int threadCount : threads) {
      List<List<String>> rows = new ArrayList<>();
      for (PairedResult result : paired) {
        if (result.threads() == threadCount) {
          rows.add(row(result));
        }
      }
      markdown.append("### ").append(threadCount).append(threadCount == 1 ? " thread" : " threads").append("\n\n");
      Markdown.table(markdown, List.of("size", "ours", "baseline", "measure", "ours", "baseline", "median ratio",
          "spread (min-max)", "rounds"), rows);
    }
    List<List<String>> goalRows = new ArrayList<>();
    for (Goal goal : goals) {
      for (PairedResult result : paired) {
        if (goal.covers(result)) {
          goalRows.add(List.of(goal.text(), Markdown.size(result.size()), Integer.toString(result.threads()),
              Markdown.ratio(result.medianRatio()), spread(result), goal.verdict(result)));
        }
      }
    }
    if (!goalRows.isEmpty()) {
      markdown.append("### Goals (").append(title).append(")\n\n");
      Markdown.table(markdown, List.of("goal", "size", "threads", "median", "spread", "verdict"), goalRows);
    }
  }

  static List<String> row(PairedResult result) {
    String unit = switch (result.measure()) {
      case "PROBE" -> " server µs/op";
      case "THROUGHPUT" -> result.ours().equals("saveAll") ? " calls/s of 100" : " ops/s";
      default -> " ops/s";
    };
    String measure = switch (result.measure()) {
      case "PROBE" -> "server µs (ours / baseline)";
      case "THROUGHPUT" -> "throughput (ours / baseline)";
      default -> "time (ours / baseline)";
    };
    return List.of(Markdown.size(result.size()), result.ours(), result.baseline(), measure,
        Markdown.number(result.oursValue()) + unit, Markdown.number(result.baselineValue()) + unit,
        Markdown.ratio(result.medianRatio()), spread(result), Integer.toString(result.ratios().size()));
  }

  static String spread(PairedResult result) {
    return Markdown.ratio(result.minRatio()) + "-" + Markdown.ratio(result.maxRatio());
  }

  static Predicate<PairedResult> sizes(int... bytes) {
    return result -> {
      for (int size : bytes) {
        if (result.size() == size) {
          return true;
        }
      }
      return false;
    };
  }

  static Predicate<PairedResult> any() {
    return result -> true;
  }
}

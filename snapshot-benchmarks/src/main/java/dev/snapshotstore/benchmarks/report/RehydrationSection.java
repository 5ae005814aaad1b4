package dev.snapshotstore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

import dev.snapshotstore.benchmarks.RehydrationBenchmark;

/** Rehydration: a full replay against the latest snapshot plus its tail, for two stream lengths. */
final class RehydrationSection implements ReportSection {

  static final double SPEEDUP_GOAL = 50;
  static final double FLATNESS_GOAL = 1.5;

  @Override
  public boolean claims(JmhResult result) {
    return result.className().equals(RehydrationBenchmark.class.getSimpleName());
  }

  @Override
  public void write(List<JmhResult> results, List<PairedResult> paired, StringBuilder markdown) {
    Scores scores = new Scores(results, "events");
    markdown.append("## Rehydration\n\n")
        .append("`AggregateRepository` (snapshot-rehydration) over `InMemorySnapshotStore` and `InMemoryEventLog`,")
        .append(" loading one order (`OrderAggregate`: lines added, changed and removed, at most 40 at a time;")
        .append(" payments, refunds, status, address and notes) with its default Jackson serializer. Full replay")
        .append(" applies every event; with snapshots every 100 events, the latest was taken ")
        .append(RehydrationBenchmark.TAIL).append(" events before the head (the average tail), so a load reads")
        .append(" it and applies ").append(RehydrationBenchmark.TAIL).append(" events. Loads per second, one thread.\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (int events : scores.sizes()) {
      double replay = scores.get("fullReplay", events, 1);
      double snapshot = scores.get("snapshotPlusTail", events, 1);
      rows.add(List.of(String.format(java.util.Locale.ROOT, "%,d", events), Markdown.number(replay),
          Markdown.number(1e6 / replay), Markdown.number(snapshot), Markdown.number(1e6 / snapshot),
          Markdown.ratio(snapshot / replay)));
    }
    Markdown.table(markdown, List.of("events", "full replay loads/s", "full replay µs", "snapshot + tail loads/s",
        "snapshot + tail µs", "speedup"), rows);
    List<List<String>> goals = new ArrayList<>();
    double speedup = scores.get("snapshotPlusTail", 10_000, 1) / scores.get("fullReplay", 10_000, 1);
    if (!Double.isNaN(speedup)) {
      goals.add(List.of("snapshot load >= " + (int) SPEEDUP_GOAL + "x faster than full replay at 10,000 events",
          Markdown.ratio(speedup), Markdown.verdict(speedup >= SPEEDUP_GOAL)));
    }
    double growth = scores.get("snapshotPlusTail", 10_000, 1) / scores.get("snapshotPlusTail", 100_000, 1);
    if (!Double.isNaN(growth)) {
      goals.add(List.of("snapshot load nearly flat: 100,000 events within " + FLATNESS_GOAL
          + "x the time of 10,000", Markdown.ratio(growth), Markdown.verdict(growth <= FLATNESS_GOAL)));
    }
    if (!goals.isEmpty()) {
      markdown.append("### Goals (rehydration)\n\n");
      Markdown.table(markdown, List.of("goal", "measured", "verdict"), goals);
    }
  }
}

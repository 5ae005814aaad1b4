package dev.snapshotstore.benchmarks.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.benchmarks.story.PatientAggregate.Patient;

/** The production story's statistics, report and plot on fixed numbers; never runs the benchmark. */
class LatencySummaryTest {

  private static final long MS = 1_000_000;

  @Test
  void percentilesAreNearestRankOverUnsortedLatencies() {
    long[] latencies = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray();

    LatencySummary summary = LatencySummary.of("x", latencies, 4.0);

    assertThat(summary.p50Nanos()).isEqualTo(50 * MS);
    assertThat(summary.p95Nanos()).isEqualTo(95 * MS);
    assertThat(summary.p99Nanos()).isEqualTo(99 * MS);
    assertThat(summary.maxNanos()).isEqualTo(100 * MS);
    assertThat(summary.meanNanos()).isCloseTo(50.5 * MS, within(1.0));
    assertThat(summary.loadsPerSecond()).isEqualTo(25.0);
    assertThat(latencies[0]).as("the caller's array is left as it was").isEqualTo(100 * MS);
  }

  @Test
  void fewLoadsGiveTheLargestForHighPercentiles() {
    LatencySummary summary = LatencySummary.of("x", new long[] {3, 1, 2}, 1.0);

    assertThat(summary.p50Nanos()).isEqualTo(2);
    assertThat(summary.p95Nanos()).isEqualTo(3);
    assertThat(summary.p99Nanos()).isEqualTo(3);
  }

  @Test
  void noLoadsIsAnErrorNamingTheScenario() {
    assertThatThrownBy(() -> LatencySummary.of("(b) slow", new long[0], 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(b) slow");
  }

  @Test
  void theReportGivesRatiosAndVerdictsAgainstTheGoals() {
    StoryReport.Row full = row("(a) full", 3200);
    StoryReport.Row requestPath = row("(b) request", 100);
    StoryReport.Row nightly = row("(c) nightly", 40);
    StoryReport.Row tail = row("(d) tail", 20);

    String md = StoryReport.markdown("setup", full, requestPath, nightly, tail, "plot.svg", "footer");

    assertThat(md).contains("| 32.0x | misses the goal |", "| 80.0x | meets the goal |",
        "| 2.00x | misses the goal |", "](plot.svg)", "| (a) full | 10 | 2.5 | 3200 | 3200 | 3200 | 3200 | n |");
  }

  @Test
  void thePlotHasABarPerPercentileAndEscapesText() {
    String svg = LatencyPlot.svg("a <b> & c", List.of(row("(a)", 3200).summary(), row("(c)", 0.5).summary()));

    assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("a &lt;b&gt; &amp; c")
        .contains("p99 3200 ms", "p50 0.50 ms", "0.1 ms", "10000 ms");
    assertThat(svg.split("<rect ", -1)).hasSize(1 + 1 + 2 * 3);
  }

  @Test
  void eventsAreTheSameForTheSameSeedAndReplayToTheirCount() {
    List<PatientAggregate.PatientEvent> events = PatientAggregate.history(7, 3, 1, 300);

    assertThat(PatientAggregate.history(7, 3, 101, 300)).isEqualTo(events.subList(100, 300));
    assertThat(events.get(0)).isInstanceOf(PatientAggregate.PatientAdmitted.class);
    assertThat(events.stream().map(Object::getClass).distinct()).hasSize(6);
    Patient state = PatientAggregate.DEFINITION.initialState();
    for (PatientAggregate.PatientEvent event : events) {
      state = PatientAggregate.DEFINITION.apply(state, event);
    }
    assertThat(state.events()).isEqualTo(300);
    assertThat(state.patientId()).isEqualTo("patient-00003");
    assertThat(state.recentNotes()).hasSizeLessThanOrEqualTo(PatientAggregate.KEPT_NOTES);
  }

  @Test
  void copyTextEscapesWhatTheFormatReserves() {
    assertThat(ProductionStory.copyEscape("a\\b\tc\nd\re")).isEqualTo("a\\\\b\\tc\\nd\\re");
    assertThat(ProductionStory.svgPathOf(Path.of("docs/x.md"))).isEqualTo(Path.of("docs/x.svg"));
  }

  private static StoryReport.Row row(String name, double millis) {
    long[] latencies = LongStream.generate(() -> (long) (millis * MS)).limit(10).toArray();
    return new StoryReport.Row(LatencySummary.of(name, latencies, 4.0), "n");
  }
}

package dev.snapshotstore.benchmarks.report;

import java.util.List;

/**
 * The part of the report about one family of benchmarks: its table and the goals it checks, from JMH results, from
 * paired results ({@code PairedHarness}), or both.
 */
public interface ReportSection {

  /** Whether this section reports the JMH result; results no section claims go to a plain table. */
  default boolean claims(JmhResult result) {
    return false;
  }

  /** Whether this section reports the paired result; results no section claims go to a plain table. */
  default boolean claims(PairedResult result) {
    return false;
  }

  /** Appends markdown for the claimed results (at least one of the two lists is not empty when called). */
  void write(List<JmhResult> results, List<PairedResult> paired, StringBuilder markdown);
}

package dev.snapshotstore.benchmarks.report;

import java.util.List;

/** The part of the report about one family of benchmarks: its table and the goals it checks. */
public interface ReportSection {

  /** Whether this section reports {@code result}; results no section claims go to a plain table. */
  boolean claims(JmhResult result);

  /** Appends markdown for the claimed results (never empty when called). */
  void write(List<JmhResult> results, StringBuilder markdown);
}

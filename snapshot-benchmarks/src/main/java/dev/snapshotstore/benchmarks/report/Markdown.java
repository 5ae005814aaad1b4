package dev.snapshotstore.benchmarks.report;

import java.util.List;
import java.util.Locale;

/** Small helpers for markdown tables and numbers. */
final class Markdown {

  private Markdown() {}

  static void table(StringBuilder markdown, List<String> header, List<List<String>> rows) {
    row(markdown, header);
    markdown.append('|');
    for (int i = 0; i < header.size(); i++) {
      markdown.append(i == 0 ? " --- |" : " ---: |");
    }
    markdown.append('\n');
    rows.forEach(row -> row(markdown, row));
    markdown.append('\n');
  }

  private static void row(StringBuilder markdown, List<String> cells) {
    markdown.append('|');
    cells.forEach(cell -> markdown.append(' ').append(cell).append(" |"));
    markdown.append('\n');
  }

  /** Three significant figures or more, the way throughput is read. */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (Math.abs(value) >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
  }

  static String verdict(boolean met) {
    return met ? "met" : "**MISSED**";
  }

  static String size(int bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes + " B";
  }
}

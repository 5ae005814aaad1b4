package dev.snapshotstore.examples.demo;

import java.io.PrintStream;

/** A one-line text progress bar that redraws in place, at most once per percent. */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final String label;
  private final long total;
  private final boolean enabled;
  private int lastPercent = -1;

  ProgressBar(PrintStream out, String label, long total, boolean enabled) {
    this.out = out;
    this.label = label;
    this.total = Math.max(1, total);
    this.enabled = enabled;
  }

  void update(long done) {
    int percent = (int) (done * 100 / total);
    if (!enabled || percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    out.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%");
    out.flush();
  }

  void done() {
    if (enabled) {
      out.println();
    }
  }
}

package dev.snapshotstore.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Labelled lines, labels in one column: {@code streams    2,000}. Values are printed as given. */
final class Fields {

  private final List<String[]> lines = new ArrayList<>();

  Fields add(String label, String value) {
    lines.add(new String[] {label, value});
    return this;
  }

  void print(PrintStream out) {
    int width = 0;
    for (String[] line : lines) {
      width = Math.max(width, line[0].length());
    }
    for (String[] line : lines) {
      String[] values = line[1].split("\n", -1);
      for (int i = 0; i < values.length; i++) {
        String label = i == 0 ? line[0] : "";
        out.println(label + " ".repeat(width - label.length() + 2) + values[i]);
      }
    }
  }
}

package dev.snapshotstore.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: upper-case headings, columns two spaces apart, numbers aligned right. Every cell is made
 * {@link Text#safe safe} for a terminal.
 */
public final class Table {

  private final String[] headings;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  private Table(String[] headings) {
    this.headings = headings.clone();
    this.right = new boolean[headings.length];
  }

  public static Table of(String... headings) {
    return new Table(headings);
  }

  /** Aligns these columns (0-based) to the right, as numbers are. */
  public Table right(int... columns) {
    for (int column : columns) {
      right[column] = true;
    }
    return this;
  }

  public Table row(Object... cells) {
    if (cells.length != headings.length) {
      throw new IllegalArgumentException("row has " + cells.length + " cells but the table " + headings.length
          + " columns");
    }
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = Text.safe(String.valueOf(cells[i]));
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public void print(PrintStream out) {
    int[] widths = new int[headings.length];
    for (int i = 0; i < headings.length; i++) {
      widths[i] = headings[i].length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println(line(headings, widths));
    for (String[] row : rows) {
      out.println(line(row, widths));
    }
  }

  private String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      boolean last = i == cells.length - 1;
      String padding = " ".repeat(widths[i] - cells[i].length());
      if (right[i]) {
        line.append(padding).append(cells[i]);
      } else {
        line.append(cells[i]);
        if (!last) {
          line.append(padding);
        }
      }
    }
    return line.toString();
  }

  @Override
  public String toString() {
    return "Table" + Arrays.toString(headings) + " with " + rows.size() + " rows";
  }
}

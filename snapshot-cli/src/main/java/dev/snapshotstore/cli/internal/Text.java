package dev.snapshotstore.cli.internal;

import java.util.Locale;

/** Formatting for people: counts with separators, sizes in binary units, and text that is safe on a terminal. */
public final class Text {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Text() {}

  /** {@code 12,345}. */
  public static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** {@code 1 snapshot}, {@code 12,345 snapshots}: the count and the noun, plural unless one. */
  public static String count(long value, String noun) {
    return count(value) + " " + (value == 1 ? noun : noun + "s");
  }

  /** {@code 512 B}, {@code 1.0 KiB}, {@code 9.8 MiB}. */
  public static String bytes(long value) {
    if (value < 1024) {
      return value + " B";
    }
    double scaled = value;
    int unit = 0;
    while (scaled >= 1024 && unit < UNITS.length - 1) {
      scaled /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", scaled, UNITS[unit]);
  }

  /** A rate with one decimal below 100 and none above: {@code 12.5}, {@code 2,380}. */
  public static String rate(double perSecond) {
    return perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond)
        : String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  /**
   * The text with every control character (C0, DEL, C1) and every line or paragraph separator written as
   * a backslash-u escape, and backslashes doubled: names and metadata come from the store, and a stored escape
   * sequence must never reach the operator's terminal as one.
   */
  public static String safe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escape = c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || c == '\\';
      if (escape && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (c == '\\') {
          out.append("\\\\");
        } else if (escape) {
          out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /** The text on one line: line breaks and runs of whitespace become one space, and it is {@link #safe}. */
  public static String oneLine(String text) {
    return safe(text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
  }

  /** {@code 'text'}, quoted for a POSIX shell, so that a cursor or name can be pasted back into a command. */
  public static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}

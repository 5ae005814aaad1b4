package dev.snapshotstore.sqlserver.internal;

import java.util.Comparator;

/**
 * How aggregate types and ids are written into the key columns. SQL Server ignores trailing spaces when it
 * compares strings (even under a binary collation), so {@code "a"} and {@code "a "} would be one key. A value
 * that ends with a space or with the marker gets one marker appended; every other value is stored verbatim.
 * Stored values then never end with a space, so SQL Server's comparison is exact, and decoding is one rule.
 */
public final class StoredKey {

  public static final char MARKER = '~';

  /**
   * The order SQL Server gives stored keys under the key columns' binary collation: UTF-16 code units, the
   * shorter string padded with spaces. Sorting a batch this way makes every writer lock rows in index order.
   */
  public static final Comparator<String> ORDER = StoredKey::compare;

  private StoredKey() {}

  public static String encode(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char last = value.charAt(value.length() - 1);
    return last == ' ' || last == MARKER ? value + MARKER : value;
  }

  public static String decode(String stored) {
    return !stored.isEmpty() && stored.charAt(stored.length() - 1) == MARKER
        ? stored.substring(0, stored.length() - 1)
        : stored;
  }

  private static int compare(String left, String right) {
    int length = Math.max(left.length(), right.length());
    for (int i = 0; i < length; i++) {
      char a = i < left.length() ? left.charAt(i) : ' ';
      char b = i < right.length() ? right.charAt(i) : ' ';
      if (a != b) {
        return Character.compare(a, b);
      }
    }
    return 0;
  }
}

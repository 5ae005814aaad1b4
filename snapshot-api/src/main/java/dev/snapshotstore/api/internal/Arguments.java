package dev.snapshotstore.api.internal;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/** Argument checks whose messages name the argument and the rule it broke. */
public final class Arguments {

  private Arguments() {}

  public static void checkNotNull(@Nullable Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  public static void checkNotBlank(@Nullable String value, String name) {
    checkNotNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  public static void checkVersion(long version, String name) {
    if (version < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + version);
    }
  }

  public static void checkMaxLength(String value, int maxLength, String name) {
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          name + " must be at most " + maxLength + " characters but was " + value.length());
    }
  }

  public static void checkPositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
  }

  /** The rule for schema and table names from configuration: plain identifiers only, so quoting is always safe. */
  public static final String SQL_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";

  private static final java.util.regex.Pattern SQL_IDENTIFIER_PATTERN = java.util.regex.Pattern.compile(SQL_IDENTIFIER);

  /** The name, if it is a plain SQL identifier; otherwise an exception naming the option it came from. */
  public static String checkSqlIdentifier(@Nullable String name, String option) {
    checkNotNull(name, option);
    if (!SQL_IDENTIFIER_PATTERN.matcher(name).matches()) {
      throw new IllegalArgumentException(option + " must match " + SQL_IDENTIFIER
          + " (a letter or underscore, then letters, digits or underscores, at most 63 characters) but was '"
          + name + "'");
    }
    return name;
  }

  /** An unmodifiable copy with a stable (sorted) iteration order, so stored metadata is deterministic. */
  public static Map<String, String> copyMetadata(Map<String, String> metadata) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      checkNotNull(entry.getKey(), "metadata key");
      checkNotNull(entry.getValue(), "metadata value of '" + entry.getKey() + "'");
      copy.put(entry.getKey(), entry.getValue());
    }
    return java.util.Collections.unmodifiableMap(copy);
  }
}

package dev.snapshotstore.api.spi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks whose messages name the argument and the rule it broke, so that bad input fails the same
 * way, with the same words, in every store and every options builder.
 */
public final class Arguments {

  /** The rule for schema and table names from configuration: plain identifiers only, so quoting is always safe. */
  public static final String SQL_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]{0,62}";

  private static final Pattern SQL_IDENTIFIER_PATTERN = Pattern.compile(SQL_IDENTIFIER);

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

  /**
   * Not null, and text every backend can store exactly: no U+0000 (PostgreSQL {@code text} cannot hold it)
   * and no unpaired surrogate (UTF-8, which every backend speaks, cannot encode one).
   */
  public static void checkText(@Nullable String value, String name) {
    checkNotNull(value, name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(name + " must not contain U+0000 but has it at index " + i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException(name + " must be well-formed UTF-16 but has an unpaired high surrogate at index " + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new IllegalArgumentException(name + " must be well-formed UTF-16 but has an unpaired low surrogate at index " + i);
      }
    }
  }

  /** {@link #checkNotBlank} and {@link #checkText}: the rule for aggregate types and ids. */
  public static void checkName(@Nullable String value, String name) {
    checkNotBlank(value, name);
    checkText(value, name);
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

  public static void checkNotNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
    }
  }

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

  /**
   * An unmodifiable copy with a stable (sorted) iteration order, so stored metadata is deterministic; every
   * key and value passes {@link #checkText}.
   */
  public static Map<String, String> copyMetadata(@Nullable Map<String, String> metadata) {
    checkNotNull(metadata, "metadata");
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String key = entry.getKey();
      checkText(key, "metadata key");
      checkText(entry.getValue(), "metadata value of '" + key + "'");
      copy.put(key, entry.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }
}

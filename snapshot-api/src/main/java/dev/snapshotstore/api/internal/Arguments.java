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

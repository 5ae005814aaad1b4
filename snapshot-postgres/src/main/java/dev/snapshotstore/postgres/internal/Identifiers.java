package dev.snapshotstore.postgres.internal;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Schema and table names come from configuration, so only plain identifiers pass, and they are always quoted. */
public final class Identifiers {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private Identifiers() {}

  public static String check(@Nullable String name, String argument) {
    if (name == null || !PLAIN.matcher(name).matches()) {
      throw new IllegalArgumentException(argument + " must be a plain identifier matching " + PLAIN.pattern()
          + " but was " + (name == null ? "null" : "'" + name + "'"));
    }
    return name;
  }

  /** Safe only because {@link #check} admits no quote character. */
  public static String quote(String name) {
    return '"' + name + '"';
  }
}

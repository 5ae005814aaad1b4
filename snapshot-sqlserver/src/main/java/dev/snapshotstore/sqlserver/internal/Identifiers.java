package dev.snapshotstore.sqlserver.internal;

import java.util.regex.Pattern;

/**
 * Schema and table names come from configuration and end up in SQL text, so only plain names pass, and
 * they are always bracket-quoted.
 */
public final class Identifiers {

  public static final String RULE = "[A-Za-z_][A-Za-z0-9_]{0,62}";
  private static final Pattern VALID = Pattern.compile(RULE);

  private Identifiers() {}

  /** The name, if it is a plain identifier; otherwise an exception naming the option it came from. */
  public static String check(String name, String option) {
    if (name == null) {
      throw new IllegalArgumentException(option + " must not be null");
    }
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException(option + " must match " + RULE
          + " (a letter or underscore, then letters, digits or underscores, at most 63 characters) but was '"
          + name + "'");
    }
    return name;
  }

  /** {@code [name]}; safe only for names that passed {@link #check}, which cannot contain {@code ]}. */
  public static String quote(String name) {
    return "[" + name + "]";
  }
}

package dev.snapshotstore.sqlserver.internal;

import dev.snapshotstore.api.spi.Arguments;

/**
 * Schema and table names come from configuration and end up in SQL text, so only plain names pass, and
 * they are always bracket-quoted.
 */
public final class Identifiers {

  public static final String RULE = Arguments.SQL_IDENTIFIER;

  private Identifiers() {}

  /** The name, if it is a plain identifier; otherwise an exception naming the option it came from. */
  public static String check(String name, String option) {
    return Arguments.checkSqlIdentifier(name, option);
  }

  /** {@code [name]}; safe only for names that passed {@link #check}, which cannot contain {@code ]}. */
  public static String quote(String name) {
    return "[" + name + "]";
  }
}

package dev.snapshotstore.postgres.internal;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.internal.Arguments;

/** Schema and table names come from configuration, so only plain identifiers pass, and they are always quoted. */
public final class Identifiers {

  private Identifiers() {}

  public static String check(@Nullable String name, String argument) {
    return Arguments.checkSqlIdentifier(name, argument);
  }

  /** Safe only because {@link #check} admits no quote character. */
  public static String quote(String name) {
    return '"' + name + '"';
  }
}

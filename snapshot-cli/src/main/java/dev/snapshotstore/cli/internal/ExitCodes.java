package dev.snapshotstore.cli.internal;

/**
 * The exit codes of every command, as {@code --help} and the README list them. Scripts branch on them, so a
 * code never changes meaning: a new situation gets a new number.
 */
public final class ExitCodes {

  /** The command did what was asked and found nothing wrong. */
  public static final int OK = 0;

  /** The command ran and found problems: corrupt or undecodable snapshots, a copy the target did not confirm. */
  public static final int FINDINGS = 1;

  /** The command line, a URI or an option is wrong, or the tool refused (no confirmation, no {@code --force}). */
  public static final int USAGE = 2;

  /** The store could not be reached or did not answer in time. */
  public static final int UNAVAILABLE = 3;

  /** The type, stream or version named does not exist in the store. */
  public static final int NOT_FOUND = 4;

  /** Any other failure: the message says what, {@code --verbose} adds the stack trace. */
  public static final int FAILED = 5;

  private ExitCodes() {}
}

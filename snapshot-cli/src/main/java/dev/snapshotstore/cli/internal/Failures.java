package dev.snapshotstore.cli.internal;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.SnapshotConfigurationException;

/** Which exit code a failure ends the tool with, and the one line that says what happened. */
public final class Failures {

  private Failures() {}

  public static int exitCodeOf(Throwable failure) {
    if (failure instanceof CliException cli) {
      return cli.exitCode();
    }
    if (failure instanceof BackendUnavailableException) {
      return ExitCodes.UNAVAILABLE;
    }
    if (failure instanceof CorruptSnapshotException) {
      return ExitCodes.FINDINGS;
    }
    if (failure instanceof SnapshotConfigurationException || failure instanceof IllegalArgumentException
        || failure instanceof PayloadTooLargeException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILED;
  }

  /** The failure's own message on one line, or its class when it has none: a reason inside a longer sentence. */
  public static String reason(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : Text.oneLine(message);
  }

  /**
   * The failure's message on one line. A message that does not say much by itself (a driver's bare
   * "Connection refused") is followed by its causes' messages.
   */
  public static String oneLine(Throwable failure) {
    StringBuilder line = new StringBuilder();
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      line.append(failure.getClass().getSimpleName());
    } else {
      line.append(message);
    }
    if (!(failure instanceof CliException) && exitCodeOf(failure) == ExitCodes.FAILED) {
      line.insert(0, failure.getClass().getSimpleName() + ": ");
    }
    return Text.oneLine(line.toString());
  }
}

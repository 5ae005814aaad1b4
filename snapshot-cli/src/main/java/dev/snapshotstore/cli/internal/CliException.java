package dev.snapshotstore.cli.internal;

/** A failure the tool reports as one line with a chosen {@link ExitCodes exit code}. */
public final class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  public int exitCode() {
    return exitCode;
  }
}

package dev.snapshotstore.cli.internal;

import picocli.CommandLine.Option;

/** {@code --progress}: how a long command shows how far it is. */
public final class ProgressOption {

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "auto (a bar on a terminal, a log line every 10,000 snapshots otherwise), bar, log or none;"
          + " on standard error. Default: ${DEFAULT-VALUE}.")
  Progress.Mode mode = Progress.Mode.AUTO;
}

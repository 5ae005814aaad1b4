package dev.snapshotstore.cli;

import dev.snapshotstore.cli.internal.Cli;
import dev.snapshotstore.cli.internal.CliIo;

/**
 * {@code java -jar snapshot-cli.jar}: the operators' tool. {@code --help} lists the commands and the exit codes;
 * the module README shows each command with its output.
 */
public final class SnapshotCli {

  private SnapshotCli() {}

  public static void main(String[] args) {
    // The one place the tool ends the JVM: with the exit code the command returned.
    System.exit(Cli.execute(CliIo.system(), args));
  }
}

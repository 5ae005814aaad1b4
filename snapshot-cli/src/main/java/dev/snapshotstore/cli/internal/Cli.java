package dev.snapshotstore.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code snapshot-cli} command: its subcommands, the options every one of them takes, and what happens to
 * failures. Every run ends through {@link #execute} with an {@link ExitCodes exit code}; nothing here exits the
 * JVM.
 */
@Command(name = "snapshot-cli",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
        "Looks at, checks, cleans up and copies the snapshots of a snapshot-store backend: Redis, PostgreSQL, SQL"
            + " Server, or any store whose provider is on the class path.",
        ""},
    subcommands = {
        TypesCommand.class, StreamsCommand.class, StatsCommand.class, HistoryCommand.class, ShowCommand.class,
        VerifyCommand.class, DeleteCommand.class, DeleteStreamCommand.class, PurgeCommand.class,
        PruneCommand.class, CopyCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done, nothing wrong found",
        "1:findings: corrupt or undecodable snapshots, or a copy the target did not confirm",
        "2:usage: a bad command line, URI or option; or refused (no confirmation, no --force)",
        "3:the store is unavailable: unreachable, or too slow to answer",
        "4:not found: no such type, stream or version",
        "5:any other failure (--verbose prints its stack trace)"},
    footerHeading = "%nStores:%n",
    footer = {
        "  A store is named by its URI: redis://[user:password@]host:6379[/db], rediss://...,"
            + " postgresql://user:password@host/db, jdbc:postgresql://host/db?user=..&password=..,"
            + " jdbc:sqlserver://host:1433;databaseName=..;user=..;password=.., with the store's options as"
            + " ?retention=10&... (see each backend's README).",
        "  env:NAME reads the URI from the environment variable NAME, which keeps passwords out of the process"
            + " list and the shell history; --store defaults to " + Cli.STORE_VARIABLE + ".",
        "  Passwords are never printed: every URI shown has them replaced by ***."})
public final class Cli implements Callable<Integer> {

  /** The environment variable {@code --store} defaults to. */
  public static final String STORE_VARIABLE = "SNAPSHOT_STORE_URI";

  private final CliIo io;
  private final Redactor redactor = new Redactor();

  @Spec
  private CommandSpec spec;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print one JSON document instead of a table, for scripts.")
  private boolean json;

  @Option(names = {"--verbose"}, scope = ScopeType.INHERIT,
      description = "On failure, print the stack trace as well (passwords masked).")
  private boolean verbose;

  Cli(CliIo io) {
    this.io = io;
  }

  /** Runs the tool with these arguments and returns its exit code; all output goes to {@code io}. */
  public static int execute(CliIo io, String... args) {
    Cli cli = new Cli(io);
    for (String arg : args) {
      cli.redactor.remember(arg);
    }
    CommandLine line = new CommandLine(cli)
        .setOut(new PrintWriter(io.out(), true))
        .setErr(new PrintWriter(io.err(), true))
        // an aggregate id may start with @; it is never a file of arguments
        .setExpandAtFiles(false)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setDefaultValueProvider(cli::defaultValue)
        .setParameterExceptionHandler(cli::onBadCommandLine)
        .setExecutionExceptionHandler(cli::onFailure);
    try {
      return line.execute(args);
    } finally {
      io.flush();
    }
  }

  /** Without a subcommand: the usage, and the usage exit code. */
  @Override
  public Integer call() {
    spec.commandLine().usage(io.err());
    return ExitCodes.USAGE;
  }

  CliIo io() {
    return io;
  }

  boolean json() {
    return json;
  }

  /**
   * The store URI an argument stands for: the argument itself, or for {@code env:NAME} the value of that
   * environment variable. Its passwords are remembered, so that no later message shows them.
   */
  String resolveUri(@Nullable String argument, String what) {
    if (argument == null || argument.isBlank()) {
      throw CliException.usage("no store given: pass " + what + "=URI (or env:NAME), or set " + STORE_VARIABLE);
    }
    String uri = argument.strip();
    if (uri.startsWith("env:")) {
      String name = uri.substring("env:".length());
      String value = io.env(name);
      if (value == null || value.isBlank()) {
        throw CliException.usage("the environment variable " + name + " named by " + what + " is not set");
      }
      uri = value.strip();
    }
    redactor.remember(uri);
    return uri;
  }

  /** The URI as it may be printed: passwords masked. */
  String shown(String uri) {
    return redactor.uri(uri);
  }

  /** Opens a store through the providers on the class path ({@code ServiceLoader}), chosen by the URI's scheme. */
  SnapshotStore open(String uri) {
    return SnapshotStores.discover().open(uri);
  }

  private @Nullable String defaultValue(ArgSpec argument) {
    if (argument instanceof OptionSpec option && "--store".equals(option.longestName())) {
      return io.env(STORE_VARIABLE);
    }
    return null;
  }

  private int onBadCommandLine(ParameterException problem, String[] args) {
    CommandLine command = problem.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + redactor.scrub(Text.oneLine(problem.getMessage())));
    if (!UnmatchedArgumentException.printSuggestions(problem, err)) {
      err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its usage.");
    }
    err.flush();
    return ExitCodes.USAGE;
  }

  private int onFailure(Exception failure, CommandLine command, ParseResult parsed) {
    io.out().flush();
    io.err().println(command.getCommandSpec().qualifiedName() + ": " + redactor.scrub(Failures.oneLine(failure)));
    if (verbose) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      io.err().print(redactor.scrub(trace.toString()));
    }
    io.err().flush();
    return Failures.exitCodeOf(failure);
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"snapshot-cli " + (version == null ? "(development build)" : version),
          "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
  }
}

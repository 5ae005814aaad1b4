package dev.snapshotstore.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * A command that works on one store: opens it from {@code --store}, runs, closes it. Subclasses get the store,
 * the URI as it may be printed, and the run's output.
 */
abstract class StoreCommand implements Callable<Integer> {

  @ParentCommand
  Cli cli;

  @Mixin
  StoreOption storeOption;

  /** The store, while {@link #run} runs. */
  SnapshotStore store;

  /** The store's URI with passwords masked, for messages. */
  String where;

  @Override
  public final Integer call() {
    String uri = cli.resolveUri(storeOption.uri, "--store");
    where = cli.shown(uri);
    try (SnapshotStore opened = cli.open(uri)) {
      store = opened;
      return run();
    }
  }

  abstract int run();

  PrintStream out() {
    return cli.io().out();
  }

  PrintStream err() {
    return cli.io().err();
  }

  boolean json() {
    return cli.json();
  }

  /** Fails with "not found" unless the type has at least one stream. */
  void requireType(String type) {
    if (store.listStreams(type, PageRequest.first(1)).items().isEmpty()) {
      throw CliException.notFound("no snapshots of type '" + Text.safe(type) + "' in " + where);
    }
  }

  /** Fails with "not found" unless the stream has a snapshot; a corrupt newest one counts as one. */
  void requireStream(String type, String id) {
    try {
      if (store.loadLatest(type, id).isEmpty()) {
        throw CliException.notFound("no snapshots of stream " + describe(type, id) + " in " + where);
      }
    } catch (CorruptSnapshotException e) {
      // it exists, even if its newest snapshot cannot be read
    }
  }

  /** After a listing cut short by {@code --limit}: how to go on. */
  void printMore(Listing listing, String what) {
    if (listing.nextCursor() != null) {
      out().println("(" + Text.count(listing.items().size()) + " " + what + " shown; more with --after "
          + Text.safe(Text.shellQuoted(listing.nextCursor())) + ")");
    }
  }

  /**
   * Asks on the terminal (standard error and input) for the word {@code expected}; anything else, or no answer,
   * cancels the command with nothing done.
   */
  void confirm(String question, String expected, String command) {
    err().print(question + System.lineSeparator() + "Type " + Text.safe(expected) + " to confirm: ");
    err().flush();
    String answer = cli.io().readLine();
    if (answer == null || !answer.strip().equals(expected)) {
      throw CliException.usage(command + " cancelled, nothing was deleted: the answer was not "
          + Text.safe(expected) + " (--yes skips the question)");
    }
  }

  static String describe(String type, String id) {
    return Text.safe(type) + "/" + Text.safe(id);
  }

  static String describe(Snapshot snapshot) {
    return Text.safe(snapshot.describe());
  }
}

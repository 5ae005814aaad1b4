package dev.snapshotstore.cli.internal;

import dev.snapshotstore.api.SnapshotStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code purge TYPE}: removes every snapshot of one type, after confirmation. */
@Command(name = "purge", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Deletes every snapshot of one type.",
        "Every stream of the type goes, in bounded batches (other types stay writable meanwhile). Asks for the"
            + " type's name first, unless --yes."})
final class PurgeCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  int run() {
    requireType(type);
    SnapshotStats before = store.stats(type);
    if (!yes) {
      confirm("This deletes every snapshot of type '" + Text.safe(type) + "' ("
          + Text.count(before.snapshots(), "snapshot") + " in " + Text.count(before.streams(), "stream") + ", "
          + Text.bytes(before.payloadBytes())
          + ") in " + where + ".", type, "purge");
    }
    store.deleteAll(type);
    SnapshotStats after = store.stats(type);
    if (json()) {
      Json.print(out(), Json.object().put("store", where).put("type", type)
          .put("deletedSnapshots", Math.max(0, before.snapshots() - after.snapshots()))
          .put("remainingStreams", after.streams()).put("remainingSnapshots", after.snapshots()));
    } else {
      out().println("purged type '" + Text.safe(type) + "': " + Text.count(before.snapshots(), "snapshot") + " in "
          + Text.count(before.streams(), "stream") + " deleted from " + where);
      if (after.streams() > 0) {
        out().println(Text.count(after.streams(), "stream") + " written while it ran remain");
      }
    }
    return ExitCodes.OK;
  }
}

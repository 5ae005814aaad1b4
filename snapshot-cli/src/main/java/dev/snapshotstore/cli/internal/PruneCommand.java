package dev.snapshotstore.cli.internal;

import java.util.List;

import dev.snapshotstore.api.SnapshotStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune TYPE --keep N}: keeps the newest N versions of every stream of a type. */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Keeps the newest N versions of each stream of one type, deletes the rest.",
        "Corrupt versions count and go like the others. For a store whose retention was lowered, or that keeps"
            + " every version. Asks for the type's name first, unless --yes or --dry-run."})
final class PruneCommand extends StoreCommand {

  private static final int STREAMS_PER_PAGE = 1_000;

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Option(names = "--keep", paramLabel = "N", required = true, description = "How many of the newest versions to"
      + " keep per stream (at least 1).")
  int keep;

  @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
  boolean dryRun;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin
  ProgressOption progress;

  @Override
  int run() {
    if (keep < 1) {
      throw CliException.usage("--keep must be at least 1 but was " + keep);
    }
    requireType(type);
    SnapshotStats stats = store.stats(type);
    if (!yes && !dryRun) {
      confirm("This deletes all but the newest " + keep + " versions of each of the " + Text.count(stats.streams())
          + " streams of type '" + Text.safe(type) + "' in " + where + ".", type, "prune");
    }
    Progress bar = Progress.start(cli.io(), progress.mode, dryRun ? "read" : "pruned", "streams", stats.streams(), 0);
    long streams = 0;
    long pruned = 0;
    String cursor = null;
    do {
      Listing page = Listing.read(request -> store.listStreams(type, request), cursor, STREAMS_PER_PAGE);
      for (String id : page.items()) {
        List<StreamReader.Entry> entries = StreamReader.read(store, type, id);
        long bytes = 0;
        if (entries.size() > keep) {
          streams++;
          for (StreamReader.Entry old : entries.subList(keep, entries.size())) {
            if (!dryRun) {
              store.delete(type, id, old.version());
            }
            pruned++;
            bytes += old.snapshot() == null ? 0 : old.snapshot().payloadSize();
          }
        }
        bar.add(1, bytes);
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    bar.finish();
    if (json()) {
      Json.print(out(), Json.object().put("store", where).put("type", type).put("keep", keep).put("dryRun", dryRun)
          .put("streams", streams).put("snapshots", pruned));
    } else {
      out().println((dryRun ? "would prune " : "pruned ") + Text.count(pruned, "snapshot") + " from "
          + Text.count(streams, "stream") + " of type '" + Text.safe(type) + "', keeping the newest " + keep
          + " of each, in " + where);
    }
    return ExitCodes.OK;
  }
}

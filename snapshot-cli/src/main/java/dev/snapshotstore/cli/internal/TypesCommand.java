package dev.snapshotstore.cli.internal;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.SnapshotStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code types}: the aggregate types that have snapshots, with their counts. */
@Command(name = "types", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists the aggregate types, with their counts.",
        "Each type that has snapshots, with its streams, snapshots and payload bytes (a scan of the type each;"
            + " --no-counts skips them)."})
final class TypesCommand extends StoreCommand {

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
      description = "List at most N types, then print the cursor to go on from. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--after", paramLabel = "CURSOR",
      description = "Start after this cursor, as an earlier listing printed it.")
  @Nullable String after;

  @Option(names = "--no-counts", description = "Only the names: skips counting each type (a scan of the type).")
  boolean noCounts;

  @Override
  int run() {
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1 but was " + limit);
    }
    Listing listing = Listing.read(store::listTypes, after, limit);
    ArrayNode types = Json.array();
    Table table = noCounts ? Table.of("TYPE") : Table.of("TYPE", "STREAMS", "SNAPSHOTS", "PAYLOAD").right(1, 2, 3);
    for (String type : listing.items()) {
      ObjectNode entry = types.addObject().put("type", type);
      if (noCounts) {
        table.row(type);
      } else {
        SnapshotStats stats = store.stats(type);
        entry.put("streams", stats.streams()).put("snapshots", stats.snapshots())
            .put("payloadBytes", stats.payloadBytes());
        table.row(type, Text.count(stats.streams()), Text.count(stats.snapshots()), Text.bytes(stats.payloadBytes()));
      }
    }
    if (json()) {
      ObjectNode document = Json.object().put("store", where);
      document.set("types", types);
      document.put("nextCursor", listing.nextCursor());
      Json.print(out(), document);
    } else if (listing.items().isEmpty()) {
      out().println(after == null ? "no snapshots in " + where : "no types after that cursor in " + where);
    } else {
      table.print(out());
      printMore(listing, "types");
    }
    return ExitCodes.OK;
  }
}

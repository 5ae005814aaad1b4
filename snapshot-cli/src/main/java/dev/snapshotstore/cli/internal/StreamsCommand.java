package dev.snapshotstore.cli.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code streams TYPE}: the streams of one type, with their versions. */
@Command(name = "streams", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists the streams of one type, with their versions.",
        "Each stream (aggregate id) with the versions it retains, their payload bytes and when the newest was"
            + " taken (one history read per stream; --no-counts skips them)."})
final class StreamsCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
      description = "List at most N streams, then print the cursor to go on from. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(names = "--after", paramLabel = "CURSOR",
      description = "Start after this cursor, as an earlier listing printed it.")
  @Nullable String after;

  @Option(names = "--no-counts",
      description = "Only the ids: skips reading each stream's history.")
  boolean noCounts;

  @Override
  int run() {
    if (limit < 1) {
      throw CliException.usage("--limit must be at least 1 but was " + limit);
    }
    Listing listing = Listing.read(page -> store.listStreams(type, page), after, limit);
    if (listing.items().isEmpty() && after == null) {
      throw CliException.notFound("no snapshots of type '" + Text.safe(type) + "' in " + where);
    }
    ArrayNode streams = Json.array();
    Table table = noCounts ? Table.of("STREAM")
        : Table.of("STREAM", "VERSIONS", "NEWEST", "OLDEST", "PAYLOAD", "NEWEST TAKEN").right(1, 2, 3, 4);
    long streamsWithCorrupt = 0;
    for (String id : listing.items()) {
      ObjectNode entry = streams.addObject().put("id", id);
      if (noCounts) {
        table.row(id);
        continue;
      }
      List<StreamReader.Entry> versions = StreamReader.read(store, type, id);
      if (versions.isEmpty()) {
        // deleted since it was listed
        continue;
      }
      long bytes = 0;
      long corrupt = 0;
      Snapshot newestReadable = null;
      for (StreamReader.Entry version : versions) {
        if (version.corrupt()) {
          corrupt++;
        } else {
          bytes += version.snapshot().payloadSize();
          if (newestReadable == null) {
            newestReadable = version.snapshot();
          }
        }
      }
      long newest = versions.get(0).version();
      long oldest = versions.get(versions.size() - 1).version();
      entry.put("versions", versions.size()).put("newest", newest).put("oldest", oldest).put("payloadBytes", bytes)
          .put("newestCreatedAt", newestReadable == null ? null : newestReadable.createdAt().toString())
          .put("corrupt", corrupt);
      streamsWithCorrupt += corrupt > 0 ? 1 : 0;
      table.row(id, Text.count(versions.size()) + (corrupt > 0 ? " (" + corrupt + " corrupt)" : ""),
          newest, oldest, Text.bytes(bytes), newestReadable == null ? "-" : newestReadable.createdAt());
    }
    if (json()) {
      ObjectNode document = Json.object().put("store", where).put("type", type);
      document.set("streams", streams);
      document.put("nextCursor", listing.nextCursor());
      Json.print(out(), document);
    } else if (listing.items().isEmpty()) {
      out().println("no streams of type '" + Text.safe(type) + "' after that cursor in " + where);
    } else {
      table.print(out());
      printMore(listing, "streams");
      if (streamsWithCorrupt > 0) {
        out().println((streamsWithCorrupt == 1 ? "1 of these streams holds" : Text.count(streamsWithCorrupt)
            + " of these streams hold") + " corrupt snapshots: snapshot-cli verify " + Text.safe(Text.shellQuoted(type))
            + " lists them");
      }
    }
    return ExitCodes.OK;
  }
}

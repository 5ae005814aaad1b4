package dev.snapshotstore.cli.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history TYPE ID}: every retained version of a stream, corrupt ones included. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists the retained versions of one stream, newest first.",
        "For each: when it was taken, its payload size, header (serializer, codec, schema revision) and metadata."
            + " Corrupt versions are listed with the store's reason, and make the exit code 1."})
final class HistoryCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Parameters(index = "1", paramLabel = "ID", description = "The aggregate id.")
  String id;

  @Option(names = "--limit", paramLabel = "N", description = "Only the N newest versions.")
  @Nullable Integer limit;

  @Override
  int run() {
    if (limit != null && (limit < 1 || limit > 10_000)) {
      throw CliException.usage("--limit must be between 1 and 10000 but was " + limit);
    }
    List<StreamReader.Entry> entries = StreamReader.read(store, type, id, limit == null ? Integer.MAX_VALUE : limit);
    if (entries.isEmpty()) {
      throw CliException.notFound("no snapshots of stream " + describe(type, id) + " in " + where);
    }
    long corrupt = entries.stream().filter(StreamReader.Entry::corrupt).count();
    if (json()) {
      ArrayNode versions = Json.array();
      for (StreamReader.Entry entry : entries) {
        if (entry.corrupt()) {
          versions.addObject().put("version", entry.version()).put("corrupt", Describe.reason(entry.failure()));
        } else {
          versions.add(Describe.json(entry.snapshot()));
        }
      }
      ObjectNode document = Json.object().put("store", where).put("type", type).put("id", id);
      document.set("versions", versions);
      Json.print(out(), document);
    } else {
      Table table = Table.of("VERSION", "TAKEN", "PAYLOAD", "SERIALIZER", "CODEC", "REVISION", "METADATA")
          .right(0, 2, 5);
      for (StreamReader.Entry entry : entries) {
        Snapshot snapshot = entry.snapshot();
        if (snapshot == null) {
          table.row(entry.version(), "-", "-", "-", "-", "-", "CORRUPT: " + Describe.reason(entry.failure()));
        } else {
          table.row(snapshot.version(), snapshot.createdAt(), Text.count(snapshot.payloadSize()),
              snapshot.header().serializerId(), snapshot.header().codecId(), snapshot.header().schemaRevision(),
              Describe.metadata(snapshot.metadata()));
        }
      }
      table.print(out());
      if (corrupt > 0) {
        out().println(Text.count(corrupt) + " of " + Text.count(entries.size(), "version") + " corrupt");
      }
    }
    return corrupt > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }
}

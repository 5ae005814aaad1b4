package dev.snapshotstore.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code delete-stream TYPE ID}: removes every version of one stream. */
@Command(name = "delete-stream", mixinStandardHelpOptions = true,
    description = "Deletes every version of one stream.")
final class DeleteStreamCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Parameters(index = "1", paramLabel = "ID", description = "The aggregate id.")
  String id;

  @Override
  int run() {
    int versions = StreamReader.read(store, type, id).size();
    if (versions == 0) {
      throw CliException.notFound("no snapshots of stream " + describe(type, id) + " in " + where);
    }
    store.deleteStream(type, id);
    if (json()) {
      Json.print(out(), Json.object().put("store", where).put("deleted", "stream").put("type", type).put("id", id)
          .put("snapshots", versions));
    } else {
      out().println("deleted stream " + describe(type, id) + " (" + Text.count(versions, "snapshot") + ") from "
          + where);
    }
    return ExitCodes.OK;
  }
}

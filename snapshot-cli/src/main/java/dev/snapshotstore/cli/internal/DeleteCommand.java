package dev.snapshotstore.cli.internal;

import java.util.Optional;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code delete TYPE ID VERSION}: removes one version, corrupt or not. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Deletes one version of one stream.",
        "A corrupt version too: this is how verify's findings are cleaned up."})
final class DeleteCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Parameters(index = "1", paramLabel = "ID", description = "The aggregate id.")
  String id;

  @Parameters(index = "2", paramLabel = "VERSION", description = "The version to delete.")
  long version;

  @Override
  int run() {
    if (version < 0) {
      throw CliException.usage("VERSION must be >= 0 but was " + version);
    }
    boolean present;
    try {
      Optional<Snapshot> found = store.loadAtOrBefore(type, id, version);
      present = found.isPresent() && found.get().version() == version;
    } catch (CorruptSnapshotException e) {
      present = e.version() == version;
    }
    if (!present) {
      throw CliException.notFound("stream " + describe(type, id) + " has no version " + version + " in " + where);
    }
    store.delete(type, id, version);
    if (json()) {
      Json.print(out(), Json.object().put("store", where).put("deleted", "version").put("type", type).put("id", id)
          .put("version", version));
    } else {
      out().println("deleted " + describe(type, id) + "@" + version + " from " + where);
    }
    return ExitCodes.OK;
  }
}

package dev.snapshotstore.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.StoreLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stats TYPE}: what one type holds, and what the store keeps and accepts. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Counts the streams, snapshots and payload bytes of one type.",
        "Also shows the store's backend, retention and limits."})
final class StatsCommand extends StoreCommand {

  @Parameters(index = "0", paramLabel = "TYPE", description = "The aggregate type.")
  String type;

  @Override
  int run() {
    requireType(type);
    SnapshotStats stats = store.stats(type);
    StoreLimits limits = store.limits();
    if (json()) {
      ObjectNode document = Json.object().put("store", where).put("backend", store.backend()).put("type", type)
          .put("streams", stats.streams()).put("snapshots", stats.snapshots())
          .put("payloadBytes", stats.payloadBytes());
      String retention = limits.retention().isUnlimited() ? "unlimited"
          : Integer.toString(limits.retention().keep());
      document.putObject("limits")
          .put("retention", retention)
          .put("maxPayloadBytes", limits.maxPayloadBytes())
          .put("maxMetadataBytes", limits.maxMetadataBytes())
          .put("maxKeyLength", limits.maxKeyLength());
      Json.print(out(), document);
      return ExitCodes.OK;
    }
    long average = stats.snapshots() == 0 ? 0 : stats.payloadBytes() / stats.snapshots();
    Fields fields = new Fields()
        .add("store", where + " (" + store.backend() + ")")
        .add("type", Text.safe(type))
        .add("streams", Text.count(stats.streams()))
        .add("snapshots", Text.count(stats.snapshots()))
        .add("payload", Text.bytes(stats.payloadBytes()) + " (" + Text.count(stats.payloadBytes()) + " bytes, average "
            + Text.bytes(average) + ")")
        .add("retention", retention(limits))
        .add("limits", "payload " + Text.bytes(limits.maxPayloadBytes()) + ", metadata "
            + Text.bytes(limits.maxMetadataBytes()) + ", type and id " + Text.count(limits.maxKeyLength()) + " chars");
    fields.print(out());
    return ExitCodes.OK;
  }

  static String retention(StoreLimits limits) {
    return limits.retention().isUnlimited() ? "unlimited (every version is kept)"
        : "the newest " + limits.retention().keep() + " versions of each stream";
  }
}

package dev.snapshotstore.cli.internal;

import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/** How snapshots, headers and metadata are written out, the same way by every command. */
final class Describe {

  private Describe() {}

  static String metadata(Map<String, String> metadata) {
    return metadata.isEmpty() ? "-" : metadata.entrySet().stream()
        .map(entry -> Text.safe(entry.getKey()) + "=" + Text.safe(entry.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The snapshot's fields without its payload, as {@code --json} shows them. */
  static ObjectNode json(Snapshot snapshot) {
    ObjectNode node = Json.object()
        .put("type", snapshot.aggregateType())
        .put("id", snapshot.aggregateId())
        .put("version", snapshot.version())
        .put("createdAt", snapshot.createdAt().toString())
        .put("payloadSize", snapshot.payloadSize())
        .put("metadataSize", snapshot.metadataSize());
    header(node.putObject("header"), snapshot.header());
    ObjectNode metadata = node.putObject("metadata");
    snapshot.metadata().forEach(metadata::put);
    return node;
  }

  static void header(ObjectNode node, SnapshotHeader header) {
    node.put("serializerId", header.serializerId()).put("codecId", header.codecId())
        .put("schemaRevision", header.schemaRevision());
  }

  /** The reason a store gave, without the "Corrupt snapshot type/id@version: " it starts with. */
  static String reason(CorruptSnapshotException failure) {
    String message = failure.getMessage() == null ? "corrupt" : failure.getMessage();
    int colon = message.startsWith("Corrupt snapshot ") ? message.indexOf(": ") : -1;
    return Text.oneLine(colon < 0 ? message : message.substring(colon + 2));
  }
}

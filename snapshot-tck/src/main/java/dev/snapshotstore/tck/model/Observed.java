package dev.snapshotstore.tck.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * What an observer can compare of a loaded snapshot: every field, created-at to the millisecond (the
 * contract's minimum precision), the payload as hex so that differences print readably.
 */
record Observed(String type, String id, long version, String payloadHex, Instant createdAt,
    Map<String, String> metadata, SnapshotHeader header) {

  static Observed of(Snapshot snapshot) {
    return new Observed(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
        HexFormat.of().formatHex(snapshot.payload()), snapshot.createdAt().truncatedTo(ChronoUnit.MILLIS),
        snapshot.metadata(), snapshot.header());
  }
}

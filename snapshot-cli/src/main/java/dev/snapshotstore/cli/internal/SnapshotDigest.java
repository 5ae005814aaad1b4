package dev.snapshotstore.cli.internal;

import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32C;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * What a copied snapshot must look like in the target, without its payload: the payload's size and CRC-32C,
 * and every other field. A copy keeps one per snapshot of the page in flight and compares them with what the
 * target gives back.
 *
 * @param version the version
 * @param payloadSize the payload's size
 * @param payloadCrc the payload's CRC-32C
 * @param header the header
 * @param metadata the metadata
 * @param createdAt when it was taken
 */
record SnapshotDigest(long version, int payloadSize, long payloadCrc, SnapshotHeader header,
    Map<String, String> metadata, Instant createdAt) {

  static SnapshotDigest of(Snapshot snapshot) {
    return new SnapshotDigest(snapshot.version(), snapshot.payloadSize(), crc(snapshot), snapshot.header(),
        snapshot.metadata(), snapshot.createdAt());
  }

  static long crc(Snapshot snapshot) {
    CRC32C crc = new CRC32C();
    crc.update(snapshot.payloadBuffer());
    return crc.getValue();
  }

  /** How {@code copy} differs from this, or null when it is the same. */
  @Nullable String difference(Snapshot copy) {
    if (copy.payloadSize() != payloadSize) {
      return "payload is " + copy.payloadSize() + " bytes in the target, " + payloadSize + " in the source";
    }
    if (crc(copy) != payloadCrc) {
      return "payload checksum (CRC-32C) differs from the source's";
    }
    if (!copy.header().equals(header)) {
      return "header is " + copy.header() + " in the target, " + header + " in the source";
    }
    if (!copy.metadata().equals(metadata)) {
      return "metadata differs from the source's";
    }
    if (!copy.createdAt().equals(createdAt)) {
      return "taken at " + copy.createdAt() + " in the target, " + createdAt + " in the source";
    }
    return null;
  }
}

package dev.snapshotstore.api.spi;

import java.time.Instant;
import java.util.Map;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.internal.SnapshotAccess;

/**
 * Payload hand-overs without a copy, for adapters on their hot paths. "Unsafe" because they trust the adapter:
 * an array given to {@link #adopt} must never be written again by anyone, and an array taken from
 * {@link #array} must never be written at all. Used that way, {@link Snapshot} stays immutable to its callers
 * while a load costs no copy beyond the driver's own read.
 */
public final class UnsafePayloads {

  private UnsafePayloads() {}

  /** A snapshot that owns {@code payload} as it is; the caller must never write the array again. */
  public static Snapshot adopt(String aggregateType, String aggregateId, long version, byte[] payload,
      Instant createdAt, Map<String, String> metadata, SnapshotHeader header) {
    Arguments.checkNotNull(payload, "payload");
    return adopt(aggregateType, aggregateId, version, payload, 0, payload.length, createdAt, metadata, header);
  }

  /**
   * A snapshot that owns {@code payload[offset, offset + length)} as it is, for a payload inside a larger
   * record the backend returned (a Redis element with its header, say); nobody may write the array again.
   */
  public static Snapshot adopt(String aggregateType, String aggregateId, long version, byte[] payload, int offset,
      int length, Instant createdAt, Map<String, String> metadata, SnapshotHeader header) {
    Arguments.checkNotNull(payload, "payload");
    return SnapshotAccess.get().adopt(aggregateType, aggregateId, version, payload, offset, length, createdAt,
        metadata, header);
  }

  /**
   * The payload as one array of exactly its size, for drivers that take a {@code byte[]}: the snapshot's own
   * array when it holds nothing else (no copy), otherwise a copy. Never write into it.
   */
  public static byte[] array(Snapshot snapshot) {
    Arguments.checkNotNull(snapshot, "snapshot");
    return SnapshotAccess.get().exactArray(snapshot);
  }
}

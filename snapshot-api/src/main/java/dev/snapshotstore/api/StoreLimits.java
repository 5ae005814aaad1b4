package dev.snapshotstore.api;

import dev.snapshotstore.api.spi.Arguments;

/**
 * What a store keeps and accepts: its retention and the largest payload, metadata and names it takes. Every
 * store reports its limits through {@link SnapshotStore#limits()}, and checks them before any I/O.
 *
 * @param retention how many versions per stream the store keeps
 * @param maxPayloadBytes the largest payload a save accepts
 * @param maxMetadataBytes the largest metadata a save accepts: the UTF-8 bytes of every key and value
 * @param maxKeyLength the longest aggregate type or id, in UTF-16 chars, the backend can index
 */
public record StoreLimits(Retention retention, int maxPayloadBytes, int maxMetadataBytes, int maxKeyLength) {

  /** 16 MiB: well under every backend's own cap, and far above any sane aggregate state. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  /** 64 KiB: metadata is for correlation ids and the like, not for state. */
  public static final int DEFAULT_MAX_METADATA_BYTES = 64 * 1024;

  public StoreLimits {
    Arguments.checkNotNull(retention, "retention");
    Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
    Arguments.checkPositive(maxMetadataBytes, "maxMetadataBytes");
    Arguments.checkPositive(maxKeyLength, "maxKeyLength");
  }

  /** Default retention, payload and metadata limits for a backend whose longest name is {@code maxKeyLength}. */
  public static StoreLimits defaults(int maxKeyLength) {
    return new StoreLimits(Retention.DEFAULT, DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_METADATA_BYTES, maxKeyLength);
  }

  public StoreLimits withRetention(Retention newRetention) {
    return new StoreLimits(newRetention, maxPayloadBytes, maxMetadataBytes, maxKeyLength);
  }

  public StoreLimits withMaxPayloadBytes(int newMaxPayloadBytes) {
    return new StoreLimits(retention, newMaxPayloadBytes, maxMetadataBytes, maxKeyLength);
  }

  public StoreLimits withMaxMetadataBytes(int newMaxMetadataBytes) {
    return new StoreLimits(retention, maxPayloadBytes, newMaxMetadataBytes, maxKeyLength);
  }
}

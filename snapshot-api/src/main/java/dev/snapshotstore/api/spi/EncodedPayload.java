package dev.snapshotstore.api.spi;

/**
 * What a codec produced: the bytes to store and the codec id to record with them.
 *
 * @param codecId the id to write into the snapshot header, possibly another codec's (identity below a threshold)
 * @param bytes the encoded payload
 */
public record EncodedPayload(String codecId, byte[] bytes) {}

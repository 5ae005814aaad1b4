package dev.snapshotstore.api.internal;

import java.util.List;

import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;

/**
 * The checks every store runs before it touches its backend, so that bad input fails the same way, with the
 * same message, on every backend and before any write.
 *
 * @param retention how many versions per stream the store keeps
 * @param maxPayloadBytes the largest payload a save accepts
 * @param maxKeyLength the longest aggregate type or id the backend can index
 */
public record StoreGuard(Retention retention, int maxPayloadBytes, int maxKeyLength) {

  /** 16 MiB: well under every backend's own cap, and far above any sane aggregate state. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  public StoreGuard {
    Arguments.checkNotNull(retention, "retention");
    Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
    Arguments.checkPositive(maxKeyLength, "maxKeyLength");
  }

  public void checkSave(Snapshot snapshot) {
    Arguments.checkNotNull(snapshot, "snapshot");
    checkStream(snapshot.aggregateType(), snapshot.aggregateId());
    if (snapshot.payloadSize() > maxPayloadBytes) {
      throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), maxPayloadBytes);
    }
  }

  public void checkSaveAll(List<Snapshot> snapshots) {
    Arguments.checkNotNull(snapshots, "snapshots");
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot snapshot = snapshots.get(i);
      if (snapshot == null) {
        throw new IllegalArgumentException("snapshots[" + i + "] must not be null");
      }
      checkSave(snapshot);
    }
  }

  public void checkType(String aggregateType) {
    Arguments.checkNotBlank(aggregateType, "aggregateType");
    Arguments.checkMaxLength(aggregateType, maxKeyLength, "aggregateType");
  }

  public void checkStream(String aggregateType, String aggregateId) {
    checkType(aggregateType);
    Arguments.checkNotBlank(aggregateId, "aggregateId");
    Arguments.checkMaxLength(aggregateId, maxKeyLength, "aggregateId");
  }

  public void checkStream(String aggregateType, String aggregateId, long version) {
    checkStream(aggregateType, aggregateId);
    Arguments.checkVersion(version, "version");
  }
}

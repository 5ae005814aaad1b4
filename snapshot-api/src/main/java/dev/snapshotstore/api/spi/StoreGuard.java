package dev.snapshotstore.api.spi;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.StoreLimits;

/**
 * The checks every store runs before it touches its backend, so that bad input fails the same way, with the
 * same message, on every backend and before any write. {@link AbstractSnapshotStore} runs them for its
 * subclasses; an adapter that implements {@link dev.snapshotstore.api.SnapshotStore} directly calls them first
 * in every method.
 */
public final class StoreGuard {

  private final StoreLimits limits;

  public StoreGuard(StoreLimits limits) {
    Arguments.checkNotNull(limits, "limits");
    this.limits = limits;
  }

  public StoreLimits limits() {
    return limits;
  }

  public void checkSave(@Nullable Snapshot snapshot) {
    Arguments.checkNotNull(snapshot, "snapshot");
    checkStream(snapshot.aggregateType(), snapshot.aggregateId());
    if (snapshot.metadataSize() > limits.maxMetadataBytes()) {
      throw new IllegalArgumentException("metadata of " + snapshot.describe() + " must be at most "
          + limits.maxMetadataBytes() + " bytes (UTF-8 of every key and value, option maxMetadataBytes) but was "
          + snapshot.metadataSize());
    }
    if (snapshot.payloadSize() > limits.maxPayloadBytes()) {
      throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), limits.maxPayloadBytes());
    }
  }

  public void checkSaveAll(@Nullable List<Snapshot> snapshots) {
    Arguments.checkNotNull(snapshots, "snapshots");
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot snapshot = snapshots.get(i);
      if (snapshot == null) {
        throw new IllegalArgumentException("snapshots[" + i + "] must not be null");
      }
      checkSave(snapshot);
    }
  }

  public void checkType(@Nullable String aggregateType) {
    Arguments.checkName(aggregateType, "aggregateType");
    Arguments.checkMaxLength(aggregateType, limits.maxKeyLength(), "aggregateType");
  }

  public void checkStream(@Nullable String aggregateType, @Nullable String aggregateId) {
    checkType(aggregateType);
    Arguments.checkName(aggregateId, "aggregateId");
    Arguments.checkMaxLength(aggregateId, limits.maxKeyLength(), "aggregateId");
  }

  public void checkStream(@Nullable String aggregateType, @Nullable String aggregateId, long version) {
    checkStream(aggregateType, aggregateId);
    Arguments.checkVersion(version, "version");
  }

  public void checkLimit(int limit) {
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_LIMIT + " but was " + limit);
    }
  }

  public void checkPage(@Nullable PageRequest page) {
    Arguments.checkNotNull(page, "page");
  }
}

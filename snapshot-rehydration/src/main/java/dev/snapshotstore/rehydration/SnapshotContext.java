package dev.snapshotstore.rehydration;

import java.time.Duration;

import dev.snapshotstore.api.spi.Arguments;

/**
 * What a {@link SnapshotPolicy} decides on: one aggregate at one version, and how far it is from its last
 * snapshot.
 *
 * @param stream the aggregate's stream
 * @param version the aggregate's current version
 * @param lastSnapshotVersion the version of the last snapshot known to exist, 0 when there is none (a snapshot at
 *     version 0 would hold the initial state, so both read the same)
 * @param eventsReplayed how many events the load that produced this state applied
 * @param loadDuration how long that load took; {@link Duration#ZERO} when the state was not loaded (a
 *     background job estimating from versions)
 */
public record SnapshotContext(
    StreamId stream, long version, long lastSnapshotVersion, long eventsReplayed, Duration loadDuration) {

  public SnapshotContext {
    Arguments.checkNotNull(stream, "stream");
    Arguments.checkVersion(version, "version");
    Arguments.checkVersion(lastSnapshotVersion, "lastSnapshotVersion");
    Arguments.checkVersion(eventsReplayed, "eventsReplayed");
    Arguments.checkNotNull(loadDuration, "loadDuration");
  }

  /** Events since the last snapshot; 0 if the snapshot is somehow ahead of the state. */
  public long eventsSinceSnapshot() {
    return Math.max(0, version - lastSnapshotVersion);
  }
}

package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * An aggregate as a load rebuilt it, and how: from which snapshot, with how many events, in how long.
 */
public final class LoadedAggregate<S> {

  private final StreamId stream;
  private final S state;
  private final long version;
  private final long eventsReplayed;
  private final long snapshotVersion;
  private final Duration loadDuration;
  private final long knownSnapshotVersion;

  LoadedAggregate(StreamId stream, S state, long version, long eventsReplayed, long snapshotVersion,
      Duration loadDuration, long knownSnapshotVersion) {
    this.stream = stream;
    this.state = state;
    this.version = version;
    this.eventsReplayed = eventsReplayed;
    this.snapshotVersion = snapshotVersion;
    this.loadDuration = loadDuration;
    this.knownSnapshotVersion = knownSnapshotVersion;
  }

  public StreamId stream() {
    return stream;
  }

  public S state() {
    return state;
  }

  /** The version of the last event applied; 0 for an aggregate without events. */
  public long version() {
    return version;
  }

  /** How many events were applied on top of the snapshot (all of them for a full replay). */
  public long eventsReplayed() {
    return eventsReplayed;
  }

  /** The version of the snapshot the load started from; empty for a full replay. */
  public OptionalLong snapshotVersion() {
    return snapshotVersion < 0 ? OptionalLong.empty() : OptionalLong.of(snapshotVersion);
  }

  public boolean fromSnapshot() {
    return snapshotVersion >= 0;
  }

  public Duration loadDuration() {
    return loadDuration;
  }

  /** The newest snapshot version the repository knows of after this load, counting one it requested. */
  long knownSnapshotVersion() {
    return knownSnapshotVersion;
  }

  LoadedAggregate<S> withKnownSnapshotVersion(long known) {
    return new LoadedAggregate<>(stream, state, version, eventsReplayed, snapshotVersion, loadDuration, known);
  }

  @Override
  public String toString() {
    return "LoadedAggregate[" + stream + "@" + version + ", " + eventsReplayed + " events replayed, "
        + (fromSnapshot() ? "from snapshot @" + snapshotVersion : "full replay") + ", " + loadDuration.toNanos() / 1000
        + " us]";
  }
}

package dev.snapshotstore.rehydration.internal;

import java.util.Optional;
import java.util.function.Supplier;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.TypedSnapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.rehydration.FallbackReason;
import dev.snapshotstore.rehydration.RehydrationListener;
import dev.snapshotstore.rehydration.StreamId;

/**
 * Finds the state a load starts from: the newest stored snapshot it can use, passing over, one by one, those
 * that are corrupt, of another schema revision or ahead of the events, and finally the initial state. Each
 * snapshot passed over is reported to the listener and never fails the load. An unreachable store fails the
 * load, or with {@code replayWhenStoreUnavailable} gives the initial state (a full replay).
 *
 * <p>Each step is one {@code loadAtOrBefore} below the last snapshot passed over, so memory stays bounded
 * under unlimited retention; after {@value #MAX_PASSED_OVER} snapshots passed over in one load it stops
 * looking and replays every event.
 */
public final class FallbackWalker<S> {

  /** How many snapshots one load passes over at most (say after a schema revision bump) before replaying. */
  public static final int MAX_PASSED_OVER = 100;

  private static final long NONE = -1;

  /**
   * Where a load starts.
   *
   * @param state the snapshot's state, or the initial state
   * @param snapshotVersion the snapshot's version, {@code -1} for the initial state
   * @param storeReached whether the store answered (false only when replaying because it could not be reached)
   */
  public record Baseline<S>(S state, long snapshotVersion, boolean storeReached) {

    public boolean fromSnapshot() {
      return snapshotVersion >= 0;
    }

    /** The version the state is at: the snapshot's, or 0. */
    public long version() {
      return Math.max(0, snapshotVersion);
    }
  }

  private final TypedSnapshotStore<S> snapshots;
  private final SnapshotStore store;
  private final Supplier<S> initialState;
  private final RehydrationListener listener;
  private final boolean replayWhenStoreUnavailable;
  private volatile boolean storeDown;

  public FallbackWalker(TypedSnapshotStore<S> snapshots, Supplier<S> initialState, RehydrationListener listener,
      boolean replayWhenStoreUnavailable) {
    this.snapshots = snapshots;
    this.store = snapshots.store();
    this.initialState = initialState;
    this.listener = listener;
    this.replayWhenStoreUnavailable = replayWhenStoreUnavailable;
  }

  /**
   * The newest usable snapshot at or below {@code bound} ({@link Long#MAX_VALUE} for the latest), else the
   * initial state.
   *
   * @throws SnapshotStoreException the store could not be reached (unless configured to replay instead)
   */
  public Baseline<S> newest(StreamId stream, long bound) {
    return walk(stream, bound);
  }

  /**
   * Passes over the snapshot at {@code version}, which the event source has no event for, and returns the
   * newest usable one below it.
   */
  public Baseline<S> passOverAheadOfEvents(StreamId stream, long version) {
    passOver(stream, version, FallbackReason.AHEAD_OF_EVENTS, "the event source has no event at version " + version
        + ", so the stream ends before the snapshot (was it saved by a transaction that rolled back its events?)");
    return walk(stream, version - 1);
  }

  private Baseline<S> walk(StreamId stream, long maxVersion) {
    long max = maxVersion;
    for (int passedOver = 0; max >= 0 && passedOver < MAX_PASSED_OVER; passedOver++) {
      Optional<Snapshot> found;
      try {
        found = max == Long.MAX_VALUE
            ? store.loadLatest(stream.aggregateType(), stream.aggregateId())
            : store.loadAtOrBefore(stream.aggregateType(), stream.aggregateId(), max);
      } catch (CorruptSnapshotException e) {
        reached(stream);
        passOver(stream, e.version(), FallbackReason.CORRUPT, e.getMessage());
        // Below the one reported, and strictly below the last bound, so the walk always moves down.
        max = Math.min(max - 1, e.version() - 1);
        continue;
      } catch (SnapshotStoreException e) {
        return unreachable(stream, e);
      }
      reached(stream);
      if (found.isEmpty()) {
        break;
      }
      Snapshot snapshot = found.get();
      Optional<S> state = decode(stream, snapshot);
      if (state.isPresent()) {
        return new Baseline<>(state.get(), snapshot.version(), true);
      }
      max = snapshot.version() - 1;
    }
    return new Baseline<>(initialState.get(), NONE, true);
  }

  private Optional<S> decode(StreamId stream, Snapshot snapshot) {
    Optional<TypedSnapshot<S>> decoded;
    try {
      decoded = snapshots.decode(snapshot);
    } catch (CorruptSnapshotException e) {
      passOver(stream, snapshot.version(), FallbackReason.CORRUPT, e.getMessage());
      return Optional.empty();
    }
    if (decoded.isEmpty()) {
      passOver(stream, snapshot.version(), FallbackReason.REVISION_MISMATCH, "written under schema revision "
          + snapshot.header().schemaRevision() + ", the repository reads revision " + snapshots.revision());
      return Optional.empty();
    }
    listener.snapshotRead(stream, snapshot.version(), snapshot.payloadSize());
    return Optional.of(decoded.get().state());
  }

  private void passOver(StreamId stream, long version, FallbackReason reason, String detail) {
    listener.fallback(stream, version, reason, detail);
  }

  private Baseline<S> unreachable(StreamId stream, SnapshotStoreException e) {
    if (!replayWhenStoreUnavailable) {
      throw e;
    }
    storeDown = true;
    listener.storeUnavailable(stream, e);
    return new Baseline<>(initialState.get(), NONE, false);
  }

  private void reached(StreamId stream) {
    if (storeDown) {
      storeDown = false;
      listener.storeAvailableAgain(stream);
    }
  }
}

package dev.snapshotstore.rehydration;

import java.time.Duration;

import dev.snapshotstore.api.SnapshotStoreException;

/**
 * Hooks for observability: load latency, events replayed, snapshot hits and misses, fallbacks and snapshot
 * sizes. Every method has an empty default; a listener that throws is logged and otherwise ignored. Called on
 * the thread that did the work (the snapshot hooks on the snapshot executor), so keep them quick.
 */
public interface RehydrationListener {

  /** A load finished: {@link LoadedAggregate#fromSnapshot()} tells hit from miss, with latency and events replayed. */
  default void loaded(LoadedAggregate<?> aggregate) {}

  /** A snapshot was read and decoded for a load. */
  default void snapshotRead(StreamId stream, long version, int payloadBytes) {}

  /**
   * A stored snapshot was passed over; the load went on with an older one or a full replay.
   *
   * @param detail what was wrong with it, for logs
   */
  default void fallback(StreamId stream, long version, FallbackReason reason, String detail) {}

  /** The store could not be reached and the repository is configured to replay all events instead. */
  default void storeUnavailable(StreamId stream, SnapshotStoreException cause) {}

  /** A snapshot was saved. */
  default void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {}

  /** Saving a snapshot failed; the command that triggered it was not affected. */
  default void snapshotFailed(StreamId stream, long version, Exception cause) {}
}

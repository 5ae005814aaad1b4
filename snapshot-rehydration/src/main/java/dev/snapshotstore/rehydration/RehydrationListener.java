package dev.snapshotstore.rehydration;

import java.time.Duration;

import dev.snapshotstore.api.SnapshotStoreException;

/**
 * Hooks for observability: load latency, events replayed, snapshot hits and misses, fallbacks, snapshot
 * scheduling and sizes. Every method has an empty default; a listener that throws is logged and otherwise
 * ignored. Called on the thread that did the work (the save hooks on the snapshot executor), so keep them quick.
 *
 * <p>Every repository already counts through one of these, {@link RehydrationCounters} ({@link
 * AggregateRepository#counters()}), and logs through another; add your own to feed a metrics library.
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

  /** The store answered a load again after {@link #storeUnavailable} was reported. */
  default void storeAvailableAgain(StreamId stream) {}

  /**
   * The policy asked for a snapshot and the repository is handing it to the snapshot executor; {@link
   * #snapshotSaved} or {@link #snapshotFailed} follows (a rejecting executor is a failure).
   */
  default void snapshotScheduled(StreamId stream, long version) {}

  /** The policy asked for a snapshot but one of the stream was still in flight, so none was scheduled. */
  default void snapshotSkippedInFlight(StreamId stream, long version) {}

  /** A snapshot was saved. */
  default void snapshotSaved(StreamId stream, long version, int payloadBytes, Duration took) {}

  /**
   * A snapshot could not be taken: the policy, the serializer, the executor or the store failed. The command
   * that triggered it was not affected.
   */
  default void snapshotFailed(StreamId stream, long version, Exception cause) {}
}

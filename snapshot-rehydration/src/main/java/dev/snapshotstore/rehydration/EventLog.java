package dev.snapshotstore.rehydration;

import java.util.List;

/**
 * An {@link EventSource} that can also append, with an expected-version check: {@link InMemoryEventLog}, or an
 * events table through {@code snapshot-rehydration-jdbc}. Appending is your event store's job; this is the least of
 * it that {@link SnapshotEquivalenceCheck}, examples, tests and benchmarks need to fill a log.
 */
public interface EventLog<E> extends EventSource<E> {

  /**
   * Appends {@code events} as the versions after {@code expectedVersion} if the stream is at that version (0 for a
   * new stream), all or none, and returns the stream's new version.
   *
   * @throws WrongExpectedVersionException the stream is at another version (someone else appended first); nothing
   *     was appended
   * @throws IllegalArgumentException {@code expectedVersion} is negative, or a stream or event is null; nothing was
   *     appended
   */
  long append(StreamId stream, long expectedVersion, List<? extends E> events);
}

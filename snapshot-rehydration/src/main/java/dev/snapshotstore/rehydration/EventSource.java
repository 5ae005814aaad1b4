package dev.snapshotstore.rehydration;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Where an aggregate's events come from: the one thing the repository needs from an event store. Implement it
 * over any event store.
 *
 * <p>Events are read as a lazy {@link Stream} so that a long stream never has to sit in memory at once; the
 * repository closes every stream it opens, so an implementation may hold a cursor or connection until then.
 */
public interface EventSource<E> {

  /**
   * The events of {@code stream} with {@code fromVersion <= version <= toVersion}, in ascending version order.
   * An unknown stream has no events.
   */
  Stream<RecordedEvent<E>> read(StreamId stream, long fromVersion, long toVersion);

  /** Every event from {@code fromVersion} on. */
  default Stream<RecordedEvent<E>> readFrom(StreamId stream, long fromVersion) {
    return read(stream, fromVersion, Long.MAX_VALUE);
  }

  /**
   * The stream's current version (0 for an empty stream) when the event store can tell without reading the
   * events; empty when it cannot, and callers then read the events to find out.
   */
  default OptionalLong headVersion(StreamId stream) {
    return OptionalLong.empty();
  }
}

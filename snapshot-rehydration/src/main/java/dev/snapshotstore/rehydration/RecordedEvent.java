package dev.snapshotstore.rehydration;

import dev.snapshotstore.api.spi.Arguments;

/**
 * An event as the event store recorded it: with the stream version it produced. The first event of a stream
 * has version 1; an aggregate's version is the version of the last event applied to it (0 for none), which is
 * also the version its snapshots are stored under.
 *
 * @param version the stream version this event produced; {@code >= 1}
 * @param event the event itself
 */
public record RecordedEvent<E>(long version, E event) {

  public RecordedEvent {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1 but was " + version);
    }
    Arguments.checkNotNull(event, "event");
  }
}

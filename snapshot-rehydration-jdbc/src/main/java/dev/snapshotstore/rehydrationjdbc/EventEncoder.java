package dev.snapshotstore.rehydrationjdbc;

/**
 * Turns an event into the type name and payload an events table stores, for {@link JdbcEventSource#append}. With
 * Jackson, for example: {@code event -> new EncodedEvent(event.getClass().getSimpleName(),
 * mapper.writeValueAsBytes(event))}.
 */
@FunctionalInterface
public interface EventEncoder<E> {

  /** The stored form of {@code event}; any exception fails the append before anything is written. */
  EncodedEvent encode(E event) throws Exception;
}

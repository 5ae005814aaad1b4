package dev.snapshotstore.rehydrationjdbc;

/**
 * The events table could not be read or written (the database failed, or refused what was asked), or a stored event
 * could not be decoded. The message names the table, the operation and, where there is one, the stream, version and
 * event type; never a credential. An append that lost a race is a
 * {@link dev.snapshotstore.rehydration.WrongExpectedVersionException} instead.
 */
public class EventStoreException extends RuntimeException {

  public EventStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public EventStoreException(String message) {
    super(message);
  }
}

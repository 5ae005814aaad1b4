package dev.snapshotstore.api.spi;

/**
 * Turns aggregate state objects into bytes and back. The id is written into every snapshot's header, so it
 * must never change once data was written with it.
 */
public interface SnapshotSerializer {

  String id();

  byte[] serialize(Object state);

  /** Reads bytes written by {@link #serialize}; any failure may be thrown as it is: callers wrap it. */
  <T> T deserialize(byte[] bytes, Class<T> type);
}

package dev.snapshotstore.api.spi;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;

/**
 * Turns aggregate state objects into bytes and back. The id is written into every snapshot's header, so it
 * must never change once data was written with it. The target type always comes from the caller (a
 * {@link dev.snapshotstore.api.StateType}, generic types included), never from the stored bytes.
 */
public interface SnapshotSerializer {

  /** The stable id recorded in each snapshot's header, for example {@code "jackson-json"}. */
  String id();

  /** Writes {@code state}, whose declared type is {@code type} ({@code List<OrderLine>}, say). */
  byte[] serialize(Object state, Type type);

  /**
   * Reads bytes written by {@link #serialize} as an instance of {@code type}; never {@code null}. The buffer is
   * read-only and may be the store's own; any failure may be thrown as it is: callers wrap it.
   */
  Object deserialize(ByteBuffer bytes, Type type);
}

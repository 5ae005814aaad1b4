package dev.snapshotstore.redis.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * The bytes of one history element, format 1 (all integers big-endian):
 *
 * <pre>
 * u8 format=1 | i64 version | i64 createdAt (epoch microseconds) | i32 schemaRevision
 * | u16 n + n bytes serializerId | u16 n + n bytes codecId
 * | i32 entries + entries * (i32 n + key, i32 n + value)   (UTF-8)
 * | i32 n + n bytes payload | i32 CRC32C of everything before it
 * </pre>
 *
 * <p>And the 12-byte index entry kept beside it: {@code i64 version | i32 payload length}; the Lua scripts
 * compare the first 8 bytes, which order like the versions because versions are never negative.
 */
public final class ElementCodec {

  public static final byte FORMAT = 1;
  public static final int INDEX_ENTRY_BYTES = 12;
  private static final int FIXED_BYTES = 1 + 8 + 8 + 4 + 2 + 2 + 4 + 4 + 4;

  private ElementCodec() {}

  /** Fails with {@link IllegalArgumentException} naming createdAt when it cannot be counted in microseconds. */
  public static byte[] encode(Snapshot snapshot) {
    long createdAtMicros = createdAtMicros(snapshot.createdAt());
    byte[] serializerId = utf8(snapshot.header().serializerId());
    byte[] codecId = utf8(snapshot.header().codecId());
    int size = FIXED_BYTES + serializerId.length + codecId.length + snapshot.payloadSize();
    Map<String, String> metadata = snapshot.metadata();
    byte[][] metadataBytes = new byte[metadata.size() * 2][];
    int m = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      metadataBytes[m] = utf8(entry.getKey());
      metadataBytes[m + 1] = utf8(entry.getValue());
      size += 8 + metadataBytes[m].length + metadataBytes[m + 1].length;
      m += 2;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT).putLong(snapshot.version()).putLong(createdAtMicros)
        .putInt(snapshot.header().schemaRevision());
    out.putShort((short) serializerId.length).put(serializerId);
    out.putShort((short) codecId.length).put(codecId);
    out.putInt(metadata.size());
    for (byte[] part : metadataBytes) {
      out.putInt(part.length).put(part);
    }
    byte[] payload = snapshot.payload();
    out.putInt(payload.length).put(payload);
    out.putInt(crc(out.array(), size - 4));
    return out.array();
  }

  public static byte[] indexEntry(long version, int payloadBytes) {
    return ByteBuffer.allocate(INDEX_ENTRY_BYTES).putLong(version).putInt(payloadBytes).array();
  }

  public static byte[] versionBytes(long version) {
    return ByteBuffer.allocate(8).putLong(version).array();
  }

  /** The version of an index entry, or -1 when the entry is damaged. */
  public static long indexVersion(byte[] entry) {
    return entry.length == INDEX_ENTRY_BYTES ? ByteBuffer.wrap(entry).getLong() : -1;
  }

  /** The payload length an index entry records; damaged entries count as 0. */
  public static int indexPayloadBytes(byte[] entry) {
    return entry.length == INDEX_ENTRY_BYTES ? ByteBuffer.wrap(entry).getInt(8) : 0;
  }

  /** The version an element claims, or -1 when even that cannot be read. */
  public static long claimedVersion(byte[] element) {
    return element.length >= 9 && element[0] == FORMAT ? ByteBuffer.wrap(element, 1, 8).getLong() : -1;
  }

  /** Decodes an element of the given stream; every damage becomes an {@link ElementFormatException}. */
  public static Snapshot decode(String aggregateType, String aggregateId, byte[] element)
      throws ElementFormatException {
    if (element.length < FIXED_BYTES) {
      throw new ElementFormatException("element of " + element.length + " bytes is shorter than any snapshot");
    }
    if (element[0] != FORMAT) {
      throw new ElementFormatException("unknown element format " + (element[0] & 0xFF) + " (this version reads "
          + FORMAT + ")");
    }
    int stored = ByteBuffer.wrap(element, element.length - 4, 4).getInt();
    if (stored != crc(element, element.length - 4)) {
      throw new ElementFormatException("checksum mismatch: the stored bytes were damaged");
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(element, 0, element.length - 4);
      in.get();
      long version = in.getLong();
      Instant createdAt = Instant.EPOCH.plus(in.getLong(), java.time.temporal.ChronoUnit.MICROS);
      int schemaRevision = in.getInt();
      String serializerId = string(in, in.getShort() & 0xFFFF);
      String codecId = string(in, in.getShort() & 0xFFFF);
      int entries = in.getInt();
      if (entries < 0 || entries > in.remaining() / 8) {
        throw new ElementFormatException("metadata count " + entries + " does not fit the element");
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      for (int i = 0; i < entries; i++) {
        String key = string(in, in.getInt());
        metadata.put(key, string(in, in.getInt()));
      }
      int payloadLength = in.getInt();
      if (payloadLength != in.remaining()) {
        throw new ElementFormatException("payload length " + payloadLength + " but " + in.remaining()
            + " bytes remain");
      }
      byte[] payload = new byte[payloadLength];
      in.get(payload);
      return new Snapshot(aggregateType, aggregateId, version, payload, createdAt, metadata,
          new SnapshotHeader(serializerId, codecId, schemaRevision));
    } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException
        | java.time.DateTimeException e) {
      throw new ElementFormatException("malformed element: " + e, e);
    }
  }

  /** Text after the checksum passed: the bytes are the encoder's, so plain UTF-8 decoding is exact. */
  private static String string(ByteBuffer in, int length) throws ElementFormatException {
    if (length < 0 || length > in.remaining()) {
      throw new ElementFormatException("string length " + length + " does not fit the element");
    }
    String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }

  private static long createdAtMicros(Instant createdAt) {
    try {
      return Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("createdAt " + createdAt + " is outside the range Redis stores"
          + " (epoch microseconds in a 64-bit integer)", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /** Damaged element bytes; the store turns it into a CorruptSnapshotException naming stream and version. */
  public static final class ElementFormatException extends Exception {

    public ElementFormatException(String message) {
      super(message);
    }

    public ElementFormatException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

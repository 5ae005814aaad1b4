package dev.snapshotstore.redis.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.spi.UnsafePayloads;

/**
 * The bytes of one stored snapshot (an "element"), format 1, all integers big-endian:
 *
 * <pre>
 * u8 format=1 | i64 version | i64 createdAt (epoch microseconds) | i32 schemaRevision
 * | u16 n + n bytes serializerId | u16 n + n bytes codecId
 * | i32 entries + entries * (i32 n + key, i32 n + value)   (UTF-8)
 * | i32 n + n bytes payload | i32 CRC32C of everything before it
 * </pre>
 *
 * <p>And the 16-byte member that lists the element in its stream's {@code versions} set:
 * {@code i64 version | i32 payload length | i32 the element's CRC32C}. Versions are never negative, so the
 * members' byte order (what {@code BYLEX} sorts by) is version order, and a member names exactly one element:
 * a reader that finds an element whose version and checksum differ from the member it looked up knows that a
 * save replaced it meanwhile.
 */
public final class ElementCodec {

  public static final byte FORMAT = 1;
  public static final int MEMBER_BYTES = 16;
  /** The fixed part of an element: everything but ids, metadata and payload. */
  static final int FIXED_BYTES = 1 + 8 + 8 + 4 + 2 + 2 + 4 + 4 + 4;

  private ElementCodec() {}

  /** One element and its member, built before any I/O. */
  public record Encoded(byte[] element, byte[] member) {}

  /** Encodes a checked snapshot; the payload is written straight from the snapshot's own bytes. */
  public static Encoded encode(Snapshot snapshot) {
    byte[] serializerId = utf8(snapshot.header().serializerId());
    byte[] codecId = utf8(snapshot.header().codecId());
    Map<String, String> metadata = snapshot.metadata();
    byte[][] metadataBytes = new byte[metadata.size() * 2][];
    int size = FIXED_BYTES + serializerId.length + codecId.length + snapshot.payloadSize();
    int m = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      metadataBytes[m] = utf8(entry.getKey());
      metadataBytes[m + 1] = utf8(entry.getValue());
      size += 8 + metadataBytes[m].length + metadataBytes[m + 1].length;
      m += 2;
    }
    byte[] element = new byte[size];
    ByteBuffer out = ByteBuffer.wrap(element);
    out.put(FORMAT).putLong(snapshot.version()).putLong(createdAtMicros(snapshot.createdAt()))
        .putInt(snapshot.header().schemaRevision());
    out.putShort((short) serializerId.length).put(serializerId);
    out.putShort((short) codecId.length).put(codecId);
    out.putInt(metadata.size());
    for (byte[] part : metadataBytes) {
      out.putInt(part.length).put(part);
    }
    out.putInt(snapshot.payloadSize()).put(snapshot.payloadBuffer());
    int crc = crc(element, size - 4);
    out.putInt(crc);
    return new Encoded(element, member(snapshot.version(), snapshot.payloadSize(), crc));
  }

  public static byte[] member(long version, int payloadBytes, int crc) {
    return ByteBuffer.allocate(MEMBER_BYTES).putLong(version).putInt(payloadBytes).putInt(crc).array();
  }

  /** The member of a decoded, intact element (its checksum is its last four bytes). */
  public static byte[] memberOf(Snapshot decoded, byte[] element) {
    return member(decoded.version(), decoded.payloadSize(), ByteBuffer.wrap(element).getInt(element.length - 4));
  }

  /** The 8 bytes a version is compared by, in the scripts and in {@code BYLEX} ranges. */
  public static byte[] versionBytes(long version) {
    return ByteBuffer.allocate(8).putLong(version).array();
  }

  public static long memberVersion(byte[] member) {
    return ByteBuffer.wrap(member).getLong();
  }

  public static int memberPayloadBytes(byte[] member) {
    return member.length == MEMBER_BYTES ? ByteBuffer.wrap(member).getInt(8) : 0;
  }

  /** Whether {@code element} is the one {@code member} lists: same version, same checksum. */
  public static boolean isListedBy(byte[] element, byte[] member) {
    return element.length >= FIXED_BYTES && element[0] == FORMAT && member.length == MEMBER_BYTES
        && ByteBuffer.wrap(element).getLong(1) == ByteBuffer.wrap(member).getLong(0)
        && ByteBuffer.wrap(element).getInt(element.length - 4) == ByteBuffer.wrap(member).getInt(12);
  }

  /** The version an element claims, or -1 when even that cannot be read. */
  public static long claimedVersion(byte[] element) {
    return element.length >= 9 && element[0] == FORMAT ? ByteBuffer.wrap(element, 1, 8).getLong() : -1;
  }

  /**
   * Decodes an element of the given stream. The snapshot's payload is a slice of {@code element} (no copy):
   * the caller hands the array over and never writes it again. Every damage becomes an
   * {@link ElementFormatException}.
   */
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
      Instant createdAt = Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
      int schemaRevision = in.getInt();
      String serializerId = string(in, in.getShort() & 0xFFFF);
      String codecId = string(in, in.getShort() & 0xFFFF);
      int entries = in.getInt();
      if (entries < 0 || entries > in.remaining() / 8) {
        throw new ElementFormatException("metadata count " + entries + " does not fit the element");
      }
      Map<String, String> metadata = new HashMap<>(entries * 2);
      for (int i = 0; i < entries; i++) {
        String key = string(in, in.getInt());
        metadata.put(key, string(in, in.getInt()));
      }
      int payloadLength = in.getInt();
      if (payloadLength != in.remaining()) {
        throw new ElementFormatException("payload length " + payloadLength + " but " + in.remaining()
            + " bytes remain");
      }
      return UnsafePayloads.adopt(aggregateType, aggregateId, version, element, in.position(), payloadLength,
          createdAt, metadata, new SnapshotHeader(serializerId, codecId, schemaRevision));
    } catch (BufferUnderflowException | IllegalArgumentException | ArithmeticException | DateTimeException e) {
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

  /** {@code Snapshot} keeps createdAt between years 1 and 9999, far inside 64-bit epoch microseconds. */
  private static long createdAtMicros(Instant createdAt) {
    return createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static int crc(byte[] bytes, int length) {
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

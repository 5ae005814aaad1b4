package dev.snapshotstore.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.snapshotstore.api.internal.SnapshotAccess;
import dev.snapshotstore.api.spi.Arguments;

/**
 * The state of one aggregate at one version, as bytes, with the header that says how to decode them.
 *
 * <p>Immutable. The payload is copied once on the way in (by the {@link #builder builder}) and never handed
 * out: read it without a copy through {@link #payloadBuffer()}, {@link #payloadStream()} or
 * {@link #writePayloadTo}, or take a copy with {@link #payload()}. A store that decodes a payload hands its
 * own bytes over without a copy ({@link dev.snapshotstore.api.spi.UnsafePayloads}).
 *
 * <p>Every store keeps every field exactly: type, id, metadata keys and values are text without U+0000 or
 * unpaired surrogates; the version is any {@code long >= 0}; {@code createdAt} is truncated to microseconds
 * and lies between {@link #MIN_CREATED_AT} and {@link #MAX_CREATED_AT} (the range every backend can hold).
 */
public final class Snapshot {

  /** The earliest {@code createdAt}: the first instant of year 1 (SQL Server's {@code datetime2} starts there). */
  public static final Instant MIN_CREATED_AT = Instant.parse("0001-01-01T00:00:00Z");

  /** The latest {@code createdAt}: the last microsecond of year 9999. */
  public static final Instant MAX_CREATED_AT = Instant.parse("9999-12-31T23:59:59.999999Z");

  static {
    SnapshotAccess.install(new SnapshotAccess() {
      @Override
      public Snapshot adopt(String aggregateType, String aggregateId, long version, byte[] payload, int offset,
          int length, Instant createdAt, Map<String, String> metadata, SnapshotHeader header) {
        Objects.checkFromIndexSize(offset, length, payload.length);
        return new Snapshot(aggregateType, aggregateId, version, payload, offset, length, createdAt, metadata, header);
      }

      @Override
      public byte[] exactArray(Snapshot snapshot) {
        return snapshot.offset == 0 && snapshot.length == snapshot.payload.length
            ? snapshot.payload
            : snapshot.payload();
      }
    });
  }

  private final String aggregateType;
  private final String aggregateId;
  private final long version;
  private final byte[] payload;
  private final int offset;
  private final int length;
  private final Instant createdAt;
  private final Map<String, String> metadata;
  private final SnapshotHeader header;
  private final int metadataBytes;

  /** Takes {@code payload[offset, offset + length)} as it is: callers hand over arrays nobody else writes. */
  private Snapshot(String aggregateType, String aggregateId, long version, byte[] payload, int offset, int length,
      Instant createdAt, Map<String, String> metadata, SnapshotHeader header) {
    Arguments.checkName(aggregateType, "aggregateType");
    Arguments.checkName(aggregateId, "aggregateId");
    Arguments.checkVersion(version, "version");
    Arguments.checkNotNull(payload, "payload");
    Arguments.checkNotNull(createdAt, "createdAt");
    Arguments.checkNotNull(header, "header");
    Instant micros = createdAt.truncatedTo(ChronoUnit.MICROS);
    if (micros.isBefore(MIN_CREATED_AT) || micros.isAfter(MAX_CREATED_AT)) {
      throw new IllegalArgumentException("createdAt must be between " + MIN_CREATED_AT + " and " + MAX_CREATED_AT
          + " but was " + createdAt);
    }
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.version = version;
    this.payload = payload;
    this.offset = offset;
    this.length = length;
    this.createdAt = micros;
    this.metadata = Arguments.copyMetadata(metadata);
    this.header = header;
    this.metadataBytes = utf8Bytes(this.metadata);
  }

  /** A builder with {@code createdAt = now}, no metadata and the {@link SnapshotHeader#RAW raw} header. */
  public static Builder builder(String aggregateType, String aggregateId, long version, byte[] payload) {
    return new Builder(aggregateType, aggregateId, version, payload);
  }

  public String aggregateType() {
    return aggregateType;
  }

  public String aggregateId() {
    return aggregateId;
  }

  public long version() {
    return version;
  }

  /** A copy of the payload; {@link #payloadBuffer()} reads it without one. */
  public byte[] payload() {
    return Arrays.copyOfRange(payload, offset, offset + length);
  }

  /** The payload as a read-only buffer over the snapshot's own bytes: no copy. */
  public ByteBuffer payloadBuffer() {
    return ByteBuffer.wrap(payload, offset, length).slice().asReadOnlyBuffer();
  }

  /** The payload as a stream over the snapshot's own bytes: no copy. */
  public InputStream payloadStream() {
    return new ByteArrayInputStream(payload, offset, length);
  }

  /** Writes the payload to {@code out} without an intermediate copy. */
  public void writePayloadTo(OutputStream out) throws IOException {
    out.write(payload, offset, length);
  }

  /** Whether the payload holds exactly these bytes, without a copy. */
  public boolean payloadEquals(byte[] bytes) {
    return Arrays.equals(payload, offset, offset + length, bytes, 0, bytes.length);
  }

  public int payloadSize() {
    return length;
  }

  /** When the snapshot was taken, to the microsecond. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Free-form string pairs stored with the snapshot, sorted by key; unmodifiable. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The UTF-8 size of every metadata key and value, as stores count it against their limit. */
  public int metadataSize() {
    return metadataBytes;
  }

  /** How the payload was written: serializer id, codec id, schema revision. */
  public SnapshotHeader header() {
    return header;
  }

  /** The same snapshot with another payload (copied) and header, as a codec or a repair tool produces it. */
  public Snapshot withPayload(byte[] newPayload, SnapshotHeader newHeader) {
    Arguments.checkNotNull(newPayload, "payload");
    return new Snapshot(aggregateType, aggregateId, version, newPayload.clone(), 0, newPayload.length, createdAt,
        metadata, newHeader);
  }

  /** {@code type/id@version}, the form every error message uses to name a snapshot. */
  public String describe() {
    return describe(aggregateType, aggregateId, version);
  }

  static String describe(String aggregateType, String aggregateId, long version) {
    return aggregateType + "/" + aggregateId + "@" + version;
  }

  private static int utf8Bytes(Map<String, String> metadata) {
    long total = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      total += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Snapshot that
        && version == that.version
        && aggregateType.equals(that.aggregateType)
        && aggregateId.equals(that.aggregateId)
        && Arrays.equals(payload, offset, offset + length, that.payload, that.offset, that.offset + that.length)
        && createdAt.equals(that.createdAt)
        && metadata.equals(that.metadata)
        && header.equals(that.header);
  }

  @Override
  public int hashCode() {
    int payloadHash = 1;
    for (int i = offset; i < offset + length; i++) {
      payloadHash = 31 * payloadHash + payload[i];
    }
    return Objects.hash(aggregateType, aggregateId, version, payloadHash, createdAt, metadata, header);
  }

  @Override
  public String toString() {
    return "Snapshot[" + describe() + ", " + length + " bytes, createdAt=" + createdAt
        + ", metadata=" + metadata + ", header=" + header + "]";
  }

  /** Builds a {@link Snapshot}; the required parts are given to {@link Snapshot#builder}. */
  public static final class Builder {
    private final String aggregateType;
    private final String aggregateId;
    private final long version;
    private final byte[] payload;
    private Instant createdAt = Instant.now();
    private Map<String, String> metadata = Map.of();
    private SnapshotHeader header = SnapshotHeader.RAW;

    private Builder(String aggregateType, String aggregateId, long version, byte[] payload) {
      this.aggregateType = aggregateType;
      this.aggregateId = aggregateId;
      this.version = version;
      this.payload = payload;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = metadata;
      return this;
    }

    public Builder header(SnapshotHeader header) {
      this.header = header;
      return this;
    }

    /** The snapshot, with its own copy of the payload. */
    public Snapshot build() {
      Arguments.checkNotNull(payload, "payload");
      byte[] copy = payload.clone();
      return new Snapshot(aggregateType, aggregateId, version, copy, 0, copy.length, createdAt, metadata, header);
    }
  }
}

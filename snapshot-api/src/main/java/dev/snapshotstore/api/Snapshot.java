package dev.snapshotstore.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import dev.snapshotstore.api.internal.Arguments;

/**
 * The state of one aggregate at one version, as bytes, with the header that says how to decode them.
 *
 * <p>Immutable: the payload is copied in and copied out. {@code createdAt} is truncated to microseconds so
 * that it round-trips exactly through every backend (PostgreSQL keeps microseconds).
 *
 * @param aggregateType the aggregate's type, for example {@code "Order"}; not blank
 * @param aggregateId the aggregate's id within its type; not blank
 * @param version the version of the aggregate (its last applied event) this state reflects; {@code >= 0}
 * @param payload the encoded state
 * @param createdAt when the snapshot was taken
 * @param metadata free-form string pairs stored with the snapshot
 * @param header how the payload was written: serializer id, codec id, schema revision
 */
public record Snapshot(
    String aggregateType,
    String aggregateId,
    long version,
    byte[] payload,
    Instant createdAt,
    Map<String, String> metadata,
    SnapshotHeader header) {

  public Snapshot {
    Arguments.checkNotBlank(aggregateType, "aggregateType");
    Arguments.checkNotBlank(aggregateId, "aggregateId");
    Arguments.checkVersion(version, "version");
    Arguments.checkNotNull(payload, "payload");
    Arguments.checkNotNull(createdAt, "createdAt");
    Arguments.checkNotNull(metadata, "metadata");
    Arguments.checkNotNull(header, "header");
    payload = payload.clone();
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    metadata = Arguments.copyMetadata(metadata);
  }

  /** A builder with {@code createdAt = now}, no metadata and the {@link SnapshotHeader#RAW raw} header. */
  public static Builder builder(String aggregateType, String aggregateId, long version, byte[] payload) {
    return new Builder(aggregateType, aggregateId, version, payload);
  }

  /** A copy of the payload. */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public int payloadSize() {
    return payload.length;
  }

  /** The same snapshot with another payload and header, as a codec or a repair tool produces it. */
  public Snapshot withPayload(byte[] newPayload, SnapshotHeader newHeader) {
    return new Snapshot(aggregateType, aggregateId, version, newPayload, createdAt, metadata, newHeader);
  }

  /** {@code type/id@version}, the form every error message uses to name a snapshot. */
  public String describe() {
    return describe(aggregateType, aggregateId, version);
  }

  static String describe(String aggregateType, String aggregateId, long version) {
    return aggregateType + "/" + aggregateId + "@" + version;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Snapshot that
        && version == that.version
        && aggregateType.equals(that.aggregateType)
        && aggregateId.equals(that.aggregateId)
        && Arrays.equals(payload, that.payload)
        && createdAt.equals(that.createdAt)
        && metadata.equals(that.metadata)
        && header.equals(that.header);
  }

  @Override
  public int hashCode() {
    return Objects.hash(aggregateType, aggregateId, version, Arrays.hashCode(payload), createdAt, metadata, header);
  }

  @Override
  public String toString() {
    return "Snapshot[" + describe() + ", " + payload.length + " bytes, createdAt=" + createdAt
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

    public Snapshot build() {
      return new Snapshot(aggregateType, aggregateId, version, payload, createdAt, metadata, header);
    }
  }
}

package dev.snapshotstore.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.spi.UnsafePayloads;

/**
 * Reads rows of {@link SnapshotSql#READ_COLUMNS} into snapshots that own the driver's payload array (no copy:
 * nobody else holds it). Rows written by hand or by another tool may break what the store guarantees (a NULL
 * column, a negative revision, metadata that is not JSON); each of those becomes a
 * {@link CorruptSnapshotException} naming the stream and version, never a NullPointerException.
 */
public final class SnapshotReader {

  private static final int VERSION = 1;
  private static final int PAYLOAD = 2;
  private static final int SERIALIZER_ID = 3;
  private static final int CODEC_ID = 4;
  private static final int SCHEMA_REVISION = 5;
  private static final int METADATA = 6;
  private static final int CREATED_AT = 7;

  private SnapshotReader() {}

  /** The current row of {@code row}, a row of the stream {@code aggregateType}/{@code aggregateId}. */
  public static Snapshot read(ResultSet row, String aggregateType, String aggregateId) throws SQLException {
    long version = row.getLong(VERSION);
    byte[] payload = required(row.getBytes(PAYLOAD), "payload", aggregateType, aggregateId, version);
    String serializerId = required(row.getString(SERIALIZER_ID), "serializer_id", aggregateType, aggregateId, version);
    String codecId = required(row.getString(CODEC_ID), "codec_id", aggregateType, aggregateId, version);
    int schemaRevision = row.getInt(SCHEMA_REVISION);
    if (row.wasNull()) {
      throw corrupt(aggregateType, aggregateId, version, "schema_revision is NULL", null);
    }
    String metadataText = required(row.getString(METADATA), "metadata", aggregateType, aggregateId, version);
    OffsetDateTime createdAt = required(row.getObject(CREATED_AT, OffsetDateTime.class), "created_at",
        aggregateType, aggregateId, version);
    SnapshotHeader header;
    try {
      header = new SnapshotHeader(serializerId, codecId, schemaRevision);
    } catch (IllegalArgumentException e) {
      throw corrupt(aggregateType, aggregateId, version, "bad header: " + e.getMessage(), e);
    }
    Map<String, String> metadata;
    try {
      metadata = MetadataCodec.decode(metadataText);
    } catch (IllegalArgumentException e) {
      throw corrupt(aggregateType, aggregateId, version, e.getMessage(), e);
    }
    try {
      return UnsafePayloads.adopt(aggregateType, aggregateId, version, payload, createdAt.toInstant(), metadata,
          header);
    } catch (IllegalArgumentException e) {
      throw corrupt(aggregateType, aggregateId, version, e.getMessage(), e);
    }
  }

  private static <T> T required(@Nullable T value, String column, String aggregateType, String aggregateId,
      long version) {
    if (value == null) {
      throw corrupt(aggregateType, aggregateId, version, column + " is NULL", null);
    }
    return value;
  }

  private static CorruptSnapshotException corrupt(String aggregateType, String aggregateId, long version,
      @Nullable String problem, @Nullable Throwable cause) {
    String message = "PostgreSQL row: " + problem;
    return cause == null
        ? new CorruptSnapshotException(aggregateType, aggregateId, version, message)
        : new CorruptSnapshotException(aggregateType, aggregateId, version, message, cause);
  }
}

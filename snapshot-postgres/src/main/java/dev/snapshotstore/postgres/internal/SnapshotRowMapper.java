package dev.snapshotstore.postgres.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;

/**
 * Reads one row of one stream into a {@link Snapshot}. Rows written by hand or by another tool may break
 * what the store guarantees (a NULL column, a negative revision, metadata that is not JSON); each of those
 * becomes a {@link CorruptSnapshotException} naming the stream and version, never a NullPointerException.
 */
public final class SnapshotRowMapper implements RowMapper<Snapshot> {

  private final String aggregateType;
  private final String aggregateId;

  public SnapshotRowMapper(String aggregateType, String aggregateId) {
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
  }

  @Override
  public Snapshot map(ResultSet row, StatementContext context) throws SQLException {
    long version = row.getLong("version");
    byte[] payload = required(row.getBytes("payload"), "payload", version);
    String serializerId = required(row.getString("serializer_id"), "serializer_id", version);
    String codecId = required(row.getString("codec_id"), "codec_id", version);
    int schemaRevision = row.getInt("schema_revision");
    if (row.wasNull()) {
      throw corrupt(version, "schema_revision is NULL", null);
    }
    String metadataText = required(row.getString("metadata"), "metadata", version);
    OffsetDateTime createdAt = required(row.getObject("created_at", OffsetDateTime.class), "created_at", version);
    SnapshotHeader header;
    Map<String, String> metadata;
    try {
      header = new SnapshotHeader(serializerId, codecId, schemaRevision);
    } catch (IllegalArgumentException e) {
      throw corrupt(version, "bad header: " + e.getMessage(), e);
    }
    try {
      metadata = MetadataCodec.decode(metadataText);
    } catch (IllegalArgumentException e) {
      throw corrupt(version, e.getMessage(), e);
    }
    try {
      return new Snapshot(aggregateType, aggregateId, version, payload, createdAt.toInstant(), metadata, header);
    } catch (IllegalArgumentException e) {
      throw corrupt(version, e.getMessage(), e);
    }
  }

  private <T> T required(@Nullable T value, String column, long version) {
    if (value == null) {
      throw corrupt(version, column + " is NULL", null);
    }
    return value;
  }

  private CorruptSnapshotException corrupt(long version, @Nullable String problem, @Nullable Throwable cause) {
    String message = "PostgreSQL row: " + problem;
    return cause == null
        ? new CorruptSnapshotException(aggregateType, aggregateId, version, message)
        : new CorruptSnapshotException(aggregateType, aggregateId, version, message, cause);
  }
}

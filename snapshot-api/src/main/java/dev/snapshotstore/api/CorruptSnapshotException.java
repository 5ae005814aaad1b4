package dev.snapshotstore.api;

/**
 * Stored data that cannot be read as a snapshot: damaged bytes, an unknown codec or serializer, a header
 * this version does not understand. Names the stream and version so that an operator can find it.
 */
public class CorruptSnapshotException extends SnapshotStoreException {

  private final String aggregateType;
  private final String aggregateId;
  private final long version;

  public CorruptSnapshotException(String aggregateType, String aggregateId, long version, String problem,
      Throwable cause) {
    super("Corrupt snapshot " + Snapshot.describe(aggregateType, aggregateId, version) + ": " + problem, cause);
    this.aggregateType = aggregateType;
    this.aggregateId = aggregateId;
    this.version = version;
  }

  public CorruptSnapshotException(String aggregateType, String aggregateId, long version, String problem) {
    this(aggregateType, aggregateId, version, problem, null);
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
}

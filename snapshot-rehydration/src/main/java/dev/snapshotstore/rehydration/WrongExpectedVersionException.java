package dev.snapshotstore.rehydration;

/** An append expected the stream at one version and found it at another: someone else appended first. */
public class WrongExpectedVersionException extends IllegalStateException {

  private final StreamId stream;
  private final long expectedVersion;
  private final long actualVersion;

  public WrongExpectedVersionException(StreamId stream, long expectedVersion, long actualVersion) {
    super("stream " + stream + " is at version " + actualVersion + " but the append expected " + expectedVersion);
    this.stream = stream;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  public StreamId stream() {
    return stream;
  }

  public long expectedVersion() {
    return expectedVersion;
  }

  public long actualVersion() {
    return actualVersion;
  }
}

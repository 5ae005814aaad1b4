package dev.snapshotstore.api;

/** The root of every failure a snapshot store reports, apart from {@link IllegalArgumentException} for bad input. */
public class SnapshotStoreException extends RuntimeException {

  public SnapshotStoreException(String message) {
    super(message);
  }

  public SnapshotStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

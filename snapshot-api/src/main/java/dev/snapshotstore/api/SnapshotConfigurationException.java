package dev.snapshotstore.api;

/**
 * The store, provider, serializer or codec setup is wrong: an unknown URI scheme or id, two providers
 * claiming one id, an option that does not parse, a table that is missing.
 */
public class SnapshotConfigurationException extends SnapshotStoreException {

  public SnapshotConfigurationException(String message) {
    super(message);
  }

  public SnapshotConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}

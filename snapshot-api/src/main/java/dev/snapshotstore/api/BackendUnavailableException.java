package dev.snapshotstore.api;

/**
 * The backend could not be reached or did not answer in time. The store stays usable: once the backend is
 * back, the same instance works again.
 */
public class BackendUnavailableException extends SnapshotStoreException {

  private final String backend;

  public BackendUnavailableException(String backend, String message, Throwable cause) {
    super(backend + " unavailable: " + message, cause);
    this.backend = backend;
  }

  /** The backend's name, for example {@code "Redis"} or {@code "PostgreSQL"}. */
  public String backend() {
    return backend;
  }
}

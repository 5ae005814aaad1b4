package dev.snapshotstore.api;

/**
 * A call on a store after its {@link SnapshotStore#close()}: thrown before any argument check and any I/O, by
 * every operation but {@code close} itself, which may be called again.
 */
public class StoreClosedException extends SnapshotStoreException {

  public StoreClosedException(String store) {
    super(store + " is closed");
  }
}

package dev.snapshotstore.api.spi;

import dev.snapshotstore.api.SnapshotStoreException;

/**
 * What a backend's driver failures mean, in one place per backend: whether running the operation again may
 * succeed, and which {@link SnapshotStoreException} the caller sees. {@link AbstractSnapshotStore#execute}
 * applies it with the store's {@link RetryPolicy}, so every backend retries and reports the same way.
 */
public interface FailureTranslator {

  /**
   * Whether the same operation may succeed if run again: a deadlock victim, a serialization failure, a
   * connection that dropped. Never a bad statement, a login failure or corrupt data.
   */
  boolean isTransient(Throwable failure);

  /**
   * The exception the caller sees: {@link dev.snapshotstore.api.BackendUnavailableException} for an
   * unreachable or timed-out backend, {@link dev.snapshotstore.api.SnapshotConfigurationException} for a
   * login or schema problem, a plain {@link SnapshotStoreException} otherwise. The message names the backend
   * and the operation and never holds a credential.
   */
  SnapshotStoreException translate(String operation, Throwable failure);
}

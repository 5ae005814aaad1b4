package dev.snapshotstore.micrometer;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.StoreClosedException;

/**
 * How one store operation ended, as the {@code outcome} tag names it: a small fixed set, so that dashboards
 * and alerts can count failures by kind without knowing exception classes.
 */
public enum Outcome {
  /** The operation did what was asked; for a load, a snapshot was found. */
  SUCCESS("success"),
  /** A load or history found no snapshot. */
  NOT_FOUND("not_found"),
  /** The arguments broke a rule ({@link IllegalArgumentException}); nothing reached the backend. */
  INVALID_ARGUMENT("invalid_argument"),
  /** The store was closed ({@link StoreClosedException}). */
  CLOSED("closed"),
  /** The backend could not be reached in time ({@link BackendUnavailableException}). */
  BACKEND_UNAVAILABLE("backend_unavailable"),
  /** Stored bytes could not be read ({@link CorruptSnapshotException}). */
  CORRUPT("corrupt"),
  /** A payload above the store's limit ({@link PayloadTooLargeException}). */
  PAYLOAD_TOO_LARGE("payload_too_large"),
  /** The store or its backend is misconfigured ({@link SnapshotConfigurationException}). */
  CONFIGURATION("configuration"),
  /** Any other {@link SnapshotStoreException}. */
  STORE_ERROR("store_error"),
  /** Anything else: a bug, in the store or in a caller's code it called back. */
  ERROR("error");

  private final String tagValue;

  Outcome(String tagValue) {
    this.tagValue = tagValue;
  }

  /** The value of the {@code outcome} tag. */
  public String tagValue() {
    return tagValue;
  }

  /** The outcome that a failure of this class stands for; the most specific class wins. */
  public static Outcome of(Throwable failure) {
    if (failure instanceof IllegalArgumentException) {
      return INVALID_ARGUMENT;
    }
    if (failure instanceof StoreClosedException) {
      return CLOSED;
    }
    if (failure instanceof BackendUnavailableException) {
      return BACKEND_UNAVAILABLE;
    }
    if (failure instanceof CorruptSnapshotException) {
      return CORRUPT;
    }
    if (failure instanceof PayloadTooLargeException) {
      return PAYLOAD_TOO_LARGE;
    }
    if (failure instanceof SnapshotConfigurationException) {
      return CONFIGURATION;
    }
    if (failure instanceof SnapshotStoreException) {
      return STORE_ERROR;
    }
    return ERROR;
  }
}

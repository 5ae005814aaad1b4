package dev.snapshotstore.micrometer;

import org.jspecify.annotations.Nullable;

import io.micrometer.observation.Observation;

/**
 * What an observation of one store operation knows: the backend, the operation, the aggregate type's tag value
 * and, once it ended, the {@link Outcome}. It never holds an aggregate id, a payload or metadata: ids are
 * unbounded in number and may be personal data, and conventions can only tag what the context holds.
 */
public final class SnapshotStoreObservationContext extends Observation.Context {

  private final String backend;
  private final String operation;
  private final String aggregateTypeTag;
  private @Nullable Outcome outcome;

  SnapshotStoreObservationContext(String backend, String operation, String aggregateTypeTag) {
    this.backend = backend;
    this.operation = operation;
    this.aggregateTypeTag = aggregateTypeTag;
  }

  /** The store's {@link dev.snapshotstore.api.SnapshotStore#backend() backend} name. */
  public String backend() {
    return backend;
  }

  /** The {@link dev.snapshotstore.api.SnapshotStore} method: {@code save}, {@code loadLatest}... */
  public String operation() {
    return operation;
  }

  /**
   * The aggregate type as the {@link AggregateTypeTags} policy tags it, or one of the fixed values
   * {@value ObservedSnapshotStore#NO_TYPE} (listing types), {@value ObservedSnapshotStore#MIXED_TYPES} (a batch of
   * several types) and {@value ObservedSnapshotStore#INVALID_TYPE} (a type the store rejects).
   */
  public String aggregateTypeTag() {
    return aggregateTypeTag;
  }

  /** How the operation ended; {@code null} while it runs. */
  public @Nullable Outcome outcome() {
    return outcome;
  }

  void outcome(Outcome ended) {
    this.outcome = ended;
  }
}

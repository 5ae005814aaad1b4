package dev.snapshotstore.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of store operations. Implement it (or extend
 * {@link DefaultSnapshotStoreObservationConvention}) to rename or add tags, and pass it to
 * {@link ObservedSnapshotStore.Builder#observationConvention}; in Spring Boot, declare it as a bean.
 */
public interface SnapshotStoreObservationConvention extends ObservationConvention<SnapshotStoreObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof SnapshotStoreObservationContext;
  }
}

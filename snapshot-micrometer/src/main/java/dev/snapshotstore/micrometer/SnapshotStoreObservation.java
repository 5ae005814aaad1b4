package dev.snapshotstore.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations this module makes, with their key names: one place that documents what dashboards and
 * traces see (the module README lists the same with units).
 */
public enum SnapshotStoreObservation implements ObservationDocumentation {

  /**
   * One {@link dev.snapshotstore.api.SnapshotStore} operation, from the call to its return or failure. Becomes
   * the timer {@value DefaultSnapshotStoreObservationConvention#NAME} (seconds; with Micrometer's meter handler
   * also the long-task timer {@code snapshot.store.operation.active} and the tag {@code error}, the failure's
   * class name or {@code none}) and a span named {@code snapshot <operation>}.
   */
  OPERATION {
    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
      return DefaultSnapshotStoreObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
      return OperationKeys.values();
    }
  };

  /** The tags of {@link #OPERATION}; all of low cardinality. */
  public enum OperationKeys implements KeyName {
    /** The store's backend name: {@code Redis}, {@code PostgreSQL}, {@code SQL Server}, {@code in-memory}. */
    BACKEND {
      @Override
      public String asString() {
        return "backend";
      }
    },
    /** The store method: {@code save}, {@code saveAll}, {@code loadLatest}, {@code listStreams}... */
    OPERATION {
      @Override
      public String asString() {
        return "operation";
      }
    },
    /**
     * The aggregate type as {@link AggregateTypeTags} allows it, else {@code other}; {@code none} for
     * {@code listTypes}, {@code mixed} for a batch of several types, {@code invalid} for a type the store rejects.
     */
    AGGREGATE_TYPE {
      @Override
      public String asString() {
        return "aggregate.type";
      }
    },
    /** The {@link Outcome}: {@code success}, {@code not_found}, {@code backend_unavailable}... Set at the end. */
    OUTCOME {
      @Override
      public String asString() {
        return "outcome";
      }

      @Override
      public boolean isRequired() {
        return false;
      }
    }
  }
}

package dev.snapshotstore.micrometer;

import io.micrometer.common.KeyValues;

import dev.snapshotstore.micrometer.SnapshotStoreObservation.OperationKeys;

/**
 * The names and tags documented in {@link SnapshotStoreObservation}: observation (and timer)
 * {@value #NAME}, span name {@code "snapshot <operation>"}, low-cardinality keys {@code backend},
 * {@code operation}, {@code aggregate.type} and, once the operation ended, {@code outcome}. No high-cardinality
 * key: aggregate ids stay out of metrics and traces alike.
 */
public class DefaultSnapshotStoreObservationConvention implements SnapshotStoreObservationConvention {

  /** The observation's name, and so the name of the timer Micrometer's meter handler records. */
  public static final String NAME = "snapshot.store.operation";

  /** Shared, as conventions hold no state. */
  public static final DefaultSnapshotStoreObservationConvention INSTANCE = new DefaultSnapshotStoreObservationConvention();

  /** For subclasses that add or rename tags. */
  public DefaultSnapshotStoreObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(SnapshotStoreObservationContext context) {
    return "snapshot " + context.operation();
  }

  /**
   * The outcome is added only once known: tags present at the start (on the {@code .active} long-task timer) and
   * at the end (on the timer) then each keep one set of keys per meter name, as Prometheus requires.
   */
  @Override
  public KeyValues getLowCardinalityKeyValues(SnapshotStoreObservationContext context) {
    KeyValues keyValues = KeyValues.of(
        OperationKeys.BACKEND.withValue(context.backend()),
        OperationKeys.OPERATION.withValue(context.operation()),
        OperationKeys.AGGREGATE_TYPE.withValue(context.aggregateTypeTag()));
    Outcome outcome = context.outcome();
    return outcome == null ? keyValues : keyValues.and(OperationKeys.OUTCOME.withValue(outcome.tagValue()));
  }
}

/**
 * Micrometer metrics and observations for snapshot stores. Micrometer's jars are automatic modules
 * ({@code micrometer.core}, {@code micrometer.observation}, {@code micrometer.commons}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.snapshotstore.micrometer {
  requires transitive dev.snapshotstore.api;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires transitive micrometer.commons;
  requires static org.jspecify;
  // RehydrationMetrics and BackgroundSnapshotterMetrics only; optional in Maven too
  requires static transitive dev.snapshotstore.rehydration;

  exports dev.snapshotstore.micrometer;
}

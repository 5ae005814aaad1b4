/**
 * Loading aggregates from a snapshot plus the tail of their events. Exports only
 * {@code dev.snapshotstore.rehydration}; {@code dev.snapshotstore.rehydration.internal} stays inside.
 */
module dev.snapshotstore.rehydration {
  requires transitive dev.snapshotstore.api;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;
  requires static org.jspecify;

  exports dev.snapshotstore.rehydration;
}

/**
 * Micrometer metrics and observations for snapshot stores: {@link dev.snapshotstore.micrometer.ObservedSnapshotStore}
 * wraps any store; {@link dev.snapshotstore.micrometer.SnapshotStoreObservation} and
 * {@link dev.snapshotstore.micrometer.SnapshotStoreMeters} document every name and tag. Aggregate ids never
 * become tags; aggregate types do, bounded by {@link dev.snapshotstore.micrometer.AggregateTypeTags}.
 */
@NullMarked
package dev.snapshotstore.micrometer;

import org.jspecify.annotations.NullMarked;

/**
 * Loading event-sourced aggregates through snapshots: an {@link dev.snapshotstore.rehydration.EventSource} SPI,
 * aggregate behaviour as plain functions ({@link dev.snapshotstore.rehydration.AggregateDefinition}), the
 * {@link dev.snapshotstore.rehydration.AggregateRepository} that loads the latest usable snapshot plus the tail
 * of events through a {@link dev.snapshotstore.api.TypedSnapshotStore}, composable snapshot policies, listeners
 * and the built-in {@link dev.snapshotstore.rehydration.RehydrationCounters}, a background snapshotter, a caching
 * store decorator, and the {@link dev.snapshotstore.rehydration.SnapshotEquivalenceCheck} for your own
 * aggregates.
 */
@NullMarked
package dev.snapshotstore.rehydration;

import org.jspecify.annotations.NullMarked;

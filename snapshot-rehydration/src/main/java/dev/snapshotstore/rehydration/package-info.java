/**
 * Loading event-sourced aggregates through snapshots: an {@link dev.snapshotstore.rehydration.EventSource} SPI,
 * aggregate definitions as plain functions, the {@link dev.snapshotstore.rehydration.AggregateRepository} that
 * loads the latest usable snapshot plus the tail of events, composable snapshot policies, a background
 * snapshotter and a caching store decorator.
 */
@NullMarked
package dev.snapshotstore.rehydration;

import org.jspecify.annotations.NullMarked;

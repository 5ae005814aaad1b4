/**
 * The snapshot-store API: the {@link dev.snapshotstore.api.SnapshotStore} contract, the {@link
 * dev.snapshotstore.api.Snapshot} value, the typed view that turns state objects into payloads, the
 * exception hierarchy rooted at {@link dev.snapshotstore.api.SnapshotStoreException}, and the in-memory
 * reference store. Backends live in their own modules and are opened explicitly or by URI through
 * {@link dev.snapshotstore.api.SnapshotStores}.
 */
@NullMarked
package dev.snapshotstore.api;

import org.jspecify.annotations.NullMarked;

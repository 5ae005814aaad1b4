/**
 * The PostgreSQL snapshot store: {@link dev.snapshotstore.postgres.PostgresSnapshotStore} on a caller's
 * {@code DataSource} or opened by URI through {@link dev.snapshotstore.postgres.PostgresSnapshotStoreProvider}.
 */
@NullMarked
package dev.snapshotstore.postgres;

import org.jspecify.annotations.NullMarked;

/**
 * An {@link dev.snapshotstore.rehydration.EventSource} and {@link dev.snapshotstore.rehydration.StreamCatalog} over an
 * events table a team already has, through plain JDBC: {@link dev.snapshotstore.rehydrationjdbc.JdbcEventSource},
 * configured by an {@link dev.snapshotstore.rehydrationjdbc.EventTable} and the application's
 * {@link dev.snapshotstore.rehydrationjdbc.EventDecoder}.
 */
@NullMarked
package dev.snapshotstore.rehydrationjdbc;

import org.jspecify.annotations.NullMarked;

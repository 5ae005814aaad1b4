/** Not API: the SQL of each dialect, cursors and transactions of {@code JdbcEventSource}. */
@NullMarked
package dev.snapshotstore.rehydrationjdbc.internal;

import org.jspecify.annotations.NullMarked;

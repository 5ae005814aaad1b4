/**
 * The SQL Server (and Azure SQL) snapshot store: {@link dev.snapshotstore.sqlserver.SqlServerSnapshotStore} on
 * Jdbi3 and Microsoft's JDBC driver, opened from a caller's {@code DataSource} or from a {@code jdbc:sqlserver:} URI.
 */
@NullMarked
package dev.snapshotstore.sqlserver;

import org.jspecify.annotations.NullMarked;

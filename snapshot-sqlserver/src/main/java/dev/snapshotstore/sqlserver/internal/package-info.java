/** Implementation detail of the SQL Server store (SQL text, error mapping, retries); not API. */
@NullMarked
package dev.snapshotstore.sqlserver.internal;

import org.jspecify.annotations.NullMarked;

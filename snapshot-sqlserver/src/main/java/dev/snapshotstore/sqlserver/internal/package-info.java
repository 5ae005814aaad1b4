/**
 * Implementation detail of the SQL Server store: SQL text, the unit of work per write, failure mapping, URL parsing
 * and redaction, value encodings. Not API, not exported.
 */
@NullMarked
package dev.snapshotstore.sqlserver.internal;

import org.jspecify.annotations.NullMarked;

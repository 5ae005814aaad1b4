/** SQL text, schema checks, row decoding and error mapping of the PostgreSQL store; not API. */
@NullMarked
package dev.snapshotstore.postgres.internal;

import org.jspecify.annotations.NullMarked;

/**
 * The PostgreSQL store's inner workings, not API: its SQL text (one place), URI and credential parsing, the pool it
 * opens, units of work and statement timeouts, schema checks, row decoding, advisory-lock keys and failure mapping.
 */
@NullMarked
package dev.snapshotstore.postgres.internal;

import org.jspecify.annotations.NullMarked;

/** Real Redis and PostgreSQL servers started in-process for the demo and the examples, so nothing needs installing. */
@NullMarked
package dev.snapshotstore.examples.embedded;

import org.jspecify.annotations.NullMarked;

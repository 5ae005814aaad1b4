/**
 * A Spring Boot order service on the snapshot-store starter: REST endpoints to create an order, add lines and
 * read it back; events in a table of the service's own, snapshots in the same PostgreSQL through the
 * auto-configured store, loads through an {@link dev.snapshotstore.rehydration.AggregateRepository}, metrics at
 * {@code /actuator/prometheus}.
 */
@NullMarked
package dev.snapshotstore.examples.springboot;

import org.jspecify.annotations.NullMarked;

/**
 * Spring Boot auto-configuration for snapshot-store: the {@link dev.snapshotstore.api.SnapshotStore} bean (from a
 * URI, the application's DataSource or its Redis settings), serializer and codec for typed views, Micrometer
 * metrics and traces, a health indicator and the {@code snapshots} Actuator endpoint. Every bean backs off
 * when the application declares its own.
 */
@NullMarked
package dev.snapshotstore.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;

package dev.snapshotstore.spring.autoconfigure;

import dev.snapshotstore.api.SnapshotStore;

/**
 * Wraps the auto-configured {@link SnapshotStore} before it becomes a bean: the metrics auto-configuration
 * contributes one ({@code ObservedSnapshotStore}); declare your own (a cache, say) as beans. Applied in
 * {@link org.springframework.core.annotation.Order order}, the lowest first, so the highest wraps the others.
 * A store bean you declare yourself is not decorated.
 */
@FunctionalInterface
public interface SnapshotStoreDecorator {

  SnapshotStore decorate(SnapshotStore store);
}

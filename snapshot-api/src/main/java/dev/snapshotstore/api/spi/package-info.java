/**
 * The public SPI for adapter authors, kept as stable as the API: {@link
 * dev.snapshotstore.api.spi.AbstractSnapshotStore} (the base every store extends: shared checks, retry and
 * failure translation), {@link dev.snapshotstore.api.spi.StoreGuard} and {@link
 * dev.snapshotstore.api.spi.Arguments} (the checks and their messages), {@link
 * dev.snapshotstore.api.spi.StoreUri} and {@link dev.snapshotstore.api.spi.CommonOptions} (URI and option
 * parsing with one vocabulary), {@link dev.snapshotstore.api.spi.UnsafePayloads} (payload hand-overs without
 * copies), and the plugin interfaces: store providers opened by URI scheme, serializers and payload codecs.
 * Plugins are registered explicitly or found through {@link java.util.ServiceLoader}, and always chosen by
 * their stable id or scheme, never by class-path order.
 */
@NullMarked
package dev.snapshotstore.api.spi;

import org.jspecify.annotations.NullMarked;

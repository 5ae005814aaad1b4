/**
 * Service provider interfaces: store providers opened by URI, serializers and payload codecs. Implementations
 * are registered explicitly or found through {@link java.util.ServiceLoader} and always chosen by their
 * stable id, never by classpath order.
 */
@NullMarked
package dev.snapshotstore.api.spi;

import org.jspecify.annotations.NullMarked;

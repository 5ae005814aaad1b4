/**
 * JSON state through Jackson 2 for the typed view ({@link dev.snapshotstore.api.TypedSnapshotStore}): the
 * target type always comes from the caller, never from the data (no default typing), and {@code java.time}
 * types are written as ISO-8601 text. Registered for {@link java.util.ServiceLoader} under the id
 * {@code jackson-json}, so a typed view finds it when it is the only serializer on the class path.
 */
@NullMarked
package dev.snapshotstore.jackson;

import org.jspecify.annotations.NullMarked;

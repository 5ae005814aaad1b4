/**
 * JSON state through Jackson 3 ({@code tools.jackson}) for the typed view, as Spring Boot 4 applications
 * configure it. Same id ({@code jackson-json}) and wire format as {@code snapshot-jackson}'s Jackson 2
 * serializer: snapshots written by one are read by the other, so an application can move between Jackson
 * generations without rewriting its snapshots. Have one of the two on the class path when serializers are
 * {@link dev.snapshotstore.api.SnapshotSerializers#discover() discovered}: two providers of one id are an error.
 */
@NullMarked
package dev.snapshotstore.jackson3;

import org.jspecify.annotations.NullMarked;

/**
 * The snapshot equivalence check: proof, for a user's own aggregate, that loading through a snapshot gives
 * exactly the state of a full replay, through the real serializer and codec.
 */
@NullMarked
package dev.snapshotstore.tck.rehydration;

import org.jspecify.annotations.NullMarked;

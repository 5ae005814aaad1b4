/**
 * The compatibility kit: {@link dev.snapshotstore.tck.SnapshotStoreCompatibilityKit} holds one test per
 * numbered rule of {@code spec.md} (in this package), which every store implementation runs unchanged.
 * {@link dev.snapshotstore.tck.TcpProxy} cuts a TCP backend off for the outage rule;
 * {@link dev.snapshotstore.tck.Await} is the one deadline-bound wait for the kit and for adapters' own tests.
 */
@NullMarked
package dev.snapshotstore.tck;

import org.jspecify.annotations.NullMarked;

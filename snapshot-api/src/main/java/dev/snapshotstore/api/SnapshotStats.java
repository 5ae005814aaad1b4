package dev.snapshotstore.api;

/**
 * What one aggregate type holds in a store.
 *
 * @param streams how many aggregates of the type have at least one snapshot
 * @param snapshots how many snapshots of the type are stored (after retention)
 * @param payloadBytes the sum of their stored payload sizes
 */
public record SnapshotStats(long streams, long snapshots, long payloadBytes) {

  public static final SnapshotStats EMPTY = new SnapshotStats(0, 0, 0);
}

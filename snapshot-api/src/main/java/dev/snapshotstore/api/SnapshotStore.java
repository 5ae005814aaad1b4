package dev.snapshotstore.api;

import java.util.List;
import java.util.Optional;

/**
 * Stores snapshots of event-sourced aggregates: per stream (aggregate type + id), a short history of
 * versions, newest first.
 *
 * <p>The numbered rules every implementation honours are in the compatibility kit's {@code spec.md}
 * ({@code snapshot-tck}); the important ones: loads return the highest version whatever order saves came
 * in; saving an existing version replaces it; retention keeps the N highest versions; bad arguments fail
 * with {@link IllegalArgumentException} before any I/O; backend failures are {@link SnapshotStoreException}s.
 *
 * <p>Implementations are thread-safe.
 */
public interface SnapshotStore extends AutoCloseable {

  /** Stores the snapshot, replacing the same version if present, then applies retention to its stream. */
  void save(Snapshot snapshot);

  /**
   * Stores many snapshots with the same result as saving them one by one in list order. Every element is
   * validated before anything is written.
   */
  void saveAll(List<Snapshot> snapshots);

  /** The highest version of the stream, or empty. */
  Optional<Snapshot> loadLatest(String aggregateType, String aggregateId);

  /** The highest version of the stream that is {@code <= version}, or empty. */
  Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version);

  /** Every retained snapshot of the stream, newest version first. */
  List<Snapshot> history(String aggregateType, String aggregateId);

  /** Removes one version; absent is not an error. */
  void delete(String aggregateType, String aggregateId, long version);

  /** Removes every version of one stream; absent is not an error. */
  void deleteStream(String aggregateType, String aggregateId);

  /** Removes every snapshot of every stream of one aggregate type. */
  void deleteAll(String aggregateType);

  /** Counts the streams, snapshots and payload bytes of one aggregate type. */
  SnapshotStats stats(String aggregateType);

  /** Releases connections and threads the store owns; resources the caller passed in stay open. */
  @Override
  void close();
}

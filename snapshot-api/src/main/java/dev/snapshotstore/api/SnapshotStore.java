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
 * with {@link IllegalArgumentException} before any I/O; backend failures are {@link SnapshotStoreException}s;
 * after {@link #close()} every call fails with {@link StoreClosedException}.
 *
 * <p>Implementations are thread-safe. This interface is what callers use; adapters extend
 * {@link dev.snapshotstore.api.spi.AbstractSnapshotStore}, which runs the shared checks once. Operations
 * added after 1.0 arrive as default methods, so an adapter compiled against 1.0 keeps working
 * (ADR 5).
 */
public interface SnapshotStore extends AutoCloseable {

  /** Stores the snapshot, replacing the same version if present, then applies retention to its stream. */
  void save(Snapshot snapshot);

  /**
   * Stores many snapshots with the same result as saving them one by one in list order. Every element is
   * validated before anything is written. If the backend fails part-way, each snapshot of the batch is either
   * stored whole or not at all, and which ones were stored is unspecified: calling {@code saveAll} again with
   * the same batch completes it (rule R14).
   */
  void saveAll(List<Snapshot> snapshots);

  /** The highest version of the stream, or empty. */
  Optional<Snapshot> loadLatest(String aggregateType, String aggregateId);

  /** The highest version of the stream that is {@code <= version}, or empty. */
  Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version);

  /**
   * Every retained snapshot of the stream, newest version first. Its size is bounded by the store's
   * retention; under unlimited retention use {@link #history(String, String, int)}.
   */
  List<Snapshot> history(String aggregateType, String aggregateId);

  /** The {@code limit} newest retained snapshots of the stream, newest version first. */
  List<Snapshot> history(String aggregateType, String aggregateId, int limit);

  /** Removes one version; absent is not an error. */
  void delete(String aggregateType, String aggregateId, long version);

  /** Removes every version of one stream; absent is not an error. */
  void deleteStream(String aggregateType, String aggregateId);

  /**
   * Removes every snapshot of every stream of one aggregate type, in bounded batches: other types stay
   * writable meanwhile, and streams of the type saved while it runs may survive.
   */
  void deleteAll(String aggregateType);

  /** Counts the streams, snapshots and payload bytes of one aggregate type. */
  SnapshotStats stats(String aggregateType);

  /**
   * One page of the aggregate types that have at least one snapshot, in a stable order. Each call's memory and
   * backend work are bounded by the page's limit, whatever the data size.
   */
  Page<String> listTypes(PageRequest page);

  /**
   * One page of the ids of the streams of one type, in a stable order. A stream that exists during the whole
   * listing is listed exactly once, even while other clients write (rule R16).
   */
  Page<String> listStreams(String aggregateType, PageRequest page);

  /** What this store keeps and accepts. */
  StoreLimits limits();

  /** The backend's name, as failures and metrics name it: {@code "Redis"}, {@code "PostgreSQL"}... */
  String backend();

  /**
   * Releases connections and threads the store owns; resources the caller passed in stay open. Calling it
   * again does nothing.
   */
  @Override
  void close();
}

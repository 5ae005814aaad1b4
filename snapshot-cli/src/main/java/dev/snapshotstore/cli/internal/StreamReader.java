package dev.snapshotstore.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;

/**
 * Reads every retained version of a stream, corrupt ones included. {@code history} fails as a whole when one
 * element is damaged, so a failing stream is read again one version at a time, downwards through
 * {@code loadAtOrBefore}: each damaged version is reported by the store with its number, and the walk goes on
 * below it.
 */
public final class StreamReader {

  private StreamReader() {}

  /** The stream's retained versions, newest first, at most {@code limit} of them. */
  public static List<Entry> read(SnapshotStore store, String type, String id, int limit) {
    try {
      List<Snapshot> history = limit == Integer.MAX_VALUE ? store.history(type, id) : store.history(type, id, limit);
      List<Entry> entries = new ArrayList<>(history.size());
      for (Snapshot snapshot : history) {
        entries.add(new Entry(snapshot.version(), snapshot, null));
      }
      return entries;
    } catch (CorruptSnapshotException e) {
      return walk(store, type, id, limit);
    }
  }

  public static List<Entry> read(SnapshotStore store, String type, String id) {
    return read(store, type, id, Integer.MAX_VALUE);
  }

  private static List<Entry> walk(SnapshotStore store, String type, String id, int limit) {
    List<Entry> entries = new ArrayList<>();
    long bound = Long.MAX_VALUE;
    while (bound >= 0 && entries.size() < limit) {
      try {
        Optional<Snapshot> found = store.loadAtOrBefore(type, id, bound);
        if (found.isEmpty()) {
          break;
        }
        entries.add(new Entry(found.get().version(), found.get(), null));
        bound = found.get().version() - 1;
      } catch (CorruptSnapshotException e) {
        // A store that names a version outside the walk cannot be walked further: report that and stop.
        long version = e.version() >= 0 && e.version() <= bound ? e.version() : bound;
        entries.add(new Entry(version, null, e));
        if (version != e.version()) {
          break;
        }
        bound = version - 1;
      }
    }
    return entries;
  }

  /**
   * One retained version: its snapshot, or the store's reason why it cannot be read.
   *
   * @param version the version
   * @param snapshot the snapshot, or null when corrupt
   * @param failure why it cannot be read, or null
   */
  public record Entry(long version, @Nullable Snapshot snapshot, @Nullable CorruptSnapshotException failure) {

    public boolean corrupt() {
      return snapshot == null;
    }
  }
}

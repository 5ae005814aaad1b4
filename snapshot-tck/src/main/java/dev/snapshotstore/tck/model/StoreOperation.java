package dev.snapshotstore.tck.model;

import java.util.List;

import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;

/**
 * One call on a {@link SnapshotStore}, as data, so that a generated sequence can run against two stores and
 * be printed (and shrunk) when they disagree. {@link #applyTo} returns what an observer can see.
 */
public sealed interface StoreOperation {

  Object applyTo(SnapshotStore store);

  /** The same operation on types renamed to {@code prefix + type}, to keep runs apart on a shared server. */
  StoreOperation withTypePrefix(String prefix);

  private static Snapshot retyped(Snapshot s, String prefix) {
    return Snapshot.builder(prefix + s.aggregateType(), s.aggregateId(), s.version(), s.payload())
        .createdAt(s.createdAt())
        .metadata(s.metadata())
        .header(s.header())
        .build();
  }

  record Save(Snapshot snapshot) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new Save(retyped(snapshot, prefix));
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.save(snapshot);
      return "saved";
    }

    @Override
    public String toString() {
      return "save(" + snapshot.describe() + ", " + snapshot.payloadSize() + " B)";
    }
  }

  record SaveAll(List<Snapshot> snapshots) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new SaveAll(snapshots.stream().map(s -> retyped(s, prefix)).toList());
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.saveAll(snapshots);
      return "saved " + snapshots.size();
    }

    @Override
    public String toString() {
      return "saveAll(" + snapshots.stream().map(Snapshot::describe).toList() + ")";
    }
  }

  record LoadLatest(String type, String id) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new LoadLatest(prefix + type, id);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return store.loadLatest(type, id).map(Observed::of);
    }
  }

  record LoadAtOrBefore(String type, String id, long version) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new LoadAtOrBefore(prefix + type, id, version);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return store.loadAtOrBefore(type, id, version).map(Observed::of);
    }
  }

  record History(String type, String id) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new History(prefix + type, id);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return store.history(type, id).stream().map(Observed::of).toList();
    }
  }

  record Delete(String type, String id, long version) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new Delete(prefix + type, id, version);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.delete(type, id, version);
      return "deleted";
    }
  }

  record DeleteStream(String type, String id) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new DeleteStream(prefix + type, id);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.deleteStream(type, id);
      return "deleted stream";
    }
  }

  record DeleteAll(String type) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new DeleteAll(prefix + type);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.deleteAll(type);
      return "deleted type";
    }
  }

  record Stats(String type) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new Stats(prefix + type);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return store.stats(type);
    }
  }
}

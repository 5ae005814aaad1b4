package dev.snapshotstore.tck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;

/**
 * One call on a {@link SnapshotStore}, as data, so that a generated sequence can run against two stores and
 * be printed (and shrunk) when they disagree. {@link #applyTo} returns what an observer can see: loaded
 * snapshots field by field, listings as sorted items plus any broken page promise (R16), since the order of a
 * listing is the backend's own.
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

  /**
   * Follows a listing's cursors from the first page and describes what it saw: the kept items, sorted (so
   * that backends with different orders agree), and every page that broke R16 (over its limit, a cursor
   * with nothing after it, an item listed twice).
   */
  private static String walk(Function<PageRequest, Page<String>> list, int limit, Predicate<String> keep) {
    List<String> items = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    boolean cursorBefore = false;
    for (int pages = 0; ; pages++) {
      if (pages == 10_000) {
        broken.add("more than 10,000 pages");
        break;
      }
      Page<String> page = list.apply(request);
      if (page.items().size() > limit) {
        broken.add("a page of " + page.items().size() + " items with limit " + limit);
      }
      if (cursorBefore && page.items().isEmpty()) {
        broken.add("a next cursor on the page before an empty one");
      }
      page.items().stream().filter(keep).forEach(items::add);
      if (page.nextCursor() == null) {
        break;
      }
      if (page.nextCursor().equals(request.cursor())) {
        broken.add("a next cursor that does not move on");
        break;
      }
      cursorBefore = true;
      request = PageRequest.after(page.nextCursor(), limit);
    }
    items.sort(null);
    for (int i = 1; i < items.size(); i++) {
      if (items.get(i).equals(items.get(i - 1))) {
        broken.add("'" + items.get(i) + "' listed twice");
      }
    }
    return "listed " + items + (broken.isEmpty() ? "" : ", breaking R16: " + broken);
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
      return "save(" + snapshot.describe() + ", " + snapshot.payloadSize() + " B, " + snapshot.createdAt() + ", "
          + snapshot.metadata() + ", " + snapshot.header() + ")";
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

  record HistoryLimit(String type, String id, int limit) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new HistoryLimit(prefix + type, id, limit);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return store.history(type, id, limit).stream().map(Observed::of).toList();
    }
  }

  /** Deletes one version; what it shows is the type's stats afterwards, so a miscount shows at once. */
  record Delete(String type, String id, long version) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new Delete(prefix + type, id, version);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.delete(type, id, version);
      return "deleted; stats " + store.stats(type);
    }
  }

  /** Deletes one stream; what it shows is the type's stats afterwards. */
  record DeleteStream(String type, String id) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new DeleteStream(prefix + type, id);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.deleteStream(type, id);
      return "deleted stream; stats " + store.stats(type);
    }
  }

  /**
   * Deletes one type; what it shows is the stats of each of {@code neighbours} afterwards (the types a naive
   * store confuses with it), so that a delete of too much shows at once.
   */
  record DeleteAll(String type, List<String> neighbours) implements StoreOperation {

    public DeleteAll(String type) {
      this(type, List.of());
    }

    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new DeleteAll(prefix + type, neighbours.stream().map(n -> prefix + n).toList());
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      store.deleteAll(type);
      List<String> stats = new ArrayList<>();
      for (String neighbour : neighbours) {
        stats.add(neighbour + ": " + store.stats(neighbour));
      }
      return "deleted type; stats " + stats;
    }

    @Override
    public String toString() {
      return "DeleteAll[" + type + "]";
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

  /** Every page of one type's streams, pages of {@code limit}. */
  record ListStreams(String type, int limit) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new ListStreams(prefix + type, limit);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return walk(page -> store.listStreams(type, page), limit, id -> true);
    }
  }

  /**
   * Every page of types, pages of {@code limit}, keeping those that start with {@code prefix}: on a shared
   * server other runs' types are listed too.
   */
  record ListTypes(String prefix, int limit) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String newPrefix) {
      return new ListTypes(newPrefix + prefix, limit);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      return walk(store::listTypes, limit, type -> type.startsWith(prefix));
    }
  }

  /** What limits() reports of retention, payload and metadata (the longest name is the backend's own). */
  record Limits() implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return this;
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      StoreLimits limits = store.limits();
      return "retention " + limits.retention() + ", maxPayloadBytes " + limits.maxPayloadBytes()
          + ", maxMetadataBytes " + limits.maxMetadataBytes();
    }
  }

  /**
   * Closes the store twice, then tries one call of each kind (R15): what each does, as the last step of a
   * sequence.
   */
  record Close(String type, String id) implements StoreOperation {
    @Override
    public StoreOperation withTypePrefix(String prefix) {
      return new Close(prefix + type, id);
    }

    @Override
    public Object applyTo(SnapshotStore store) {
      List<String> outcomes = new ArrayList<>();
      outcomes.add(attempt("close", () -> store.close()));
      outcomes.add(attempt("close again", () -> store.close()));
      outcomes.add(attempt("save", () -> store.save(Snapshot.builder(type, id, 1, new byte[1]).build())));
      outcomes.add(attempt("saveAll(empty)", () -> store.saveAll(List.of())));
      outcomes.add(attempt("loadLatest", () -> store.loadLatest(type, id)));
      outcomes.add(attempt("loadAtOrBefore", () -> store.loadAtOrBefore(type, id, 1)));
      outcomes.add(attempt("history", () -> store.history(type, id)));
      outcomes.add(attempt("history(limit)", () -> store.history(type, id, 1)));
      outcomes.add(attempt("delete", () -> store.delete(type, id, 1)));
      outcomes.add(attempt("deleteStream", () -> store.deleteStream(type, id)));
      outcomes.add(attempt("deleteAll", () -> store.deleteAll(type)));
      outcomes.add(attempt("stats", () -> store.stats(type)));
      outcomes.add(attempt("listTypes", () -> store.listTypes(PageRequest.first(1))));
      outcomes.add(attempt("listStreams", () -> store.listStreams(type, PageRequest.first(1))));
      return outcomes;
    }

    private static String attempt(String call, Runnable body) {
      try {
        body.run();
        return call + ": returned";
      } catch (StoreClosedException e) {
        return call + ": StoreClosedException";
      } catch (RuntimeException e) {
        return call + ": " + e.getClass().getSimpleName();
      }
    }
  }
}

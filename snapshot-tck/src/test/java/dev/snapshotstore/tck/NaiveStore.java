package dev.snapshotstore.tck;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.StoreGuard;

/**
 * A deliberately simple store written independently of the reference store, with one switchable defect.
 * With {@link Defect#NONE} it must pass the kit; with any other defect the kit must fail. It implements
 * {@link SnapshotStore} directly (not through the SPI's base class), so that a defect can skip or reorder the
 * checks every store owes.
 */
final class NaiveStore implements SnapshotStore {

  /** The longest type or id; the kit reads it from {@link #limits()}. */
  static final int MAX_KEY_LENGTH = 1024;

  private final Defect defect;
  private final StoreGuard guard;
  /** Keys join type and id with a length prefix, so no name can collide (unless the defect says so). */
  private final Map<String, TreeMap<Long, Snapshot>> streams = new ConcurrentHashMap<>();
  private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> everWritten = new ConcurrentHashMap<>();
  /** The thread that opened the store, and each stream as that thread last wrote it (LOSES_CONCURRENT_SAVE). */
  private final Thread opener = Thread.currentThread();
  private final Map<String, TreeMap<Long, Snapshot>> asTheOpenerLeftIt = new ConcurrentHashMap<>();
  private volatile boolean closed;

  NaiveStore(Defect defect, KitStoreConfig config) {
    this.defect = defect;
    this.guard = new StoreGuard(config.limits(MAX_KEY_LENGTH));
  }

  // ------------------------------------------------------------------------------------------ keys

  private String key(String type, String id) {
    return defect == Defect.COLON_KEYS_COLLIDE ? type + ":" + id : type.length() + "|" + type + "|" + id;
  }

  private String typeOf(String key) {
    if (defect == Defect.COLON_KEYS_COLLIDE) {
      return key.substring(0, key.indexOf(':'));
    }
    int bar = key.indexOf('|');
    return key.substring(bar + 1, bar + 1 + Integer.parseInt(key.substring(0, bar)));
  }

  private String idOf(String key) {
    if (defect == Defect.COLON_KEYS_COLLIDE) {
      return key.substring(key.indexOf(':') + 1);
    }
    return key.substring(key.indexOf('|') + typeOf(key).length() + 2);
  }

  private boolean ofType(String key, String type) {
    return switch (defect) {
      case COLON_KEYS_COLLIDE -> key.startsWith(type + ":");
      case DELETE_ALL_MATCHES_PREFIX -> key.substring(key.indexOf('|') + 1).startsWith(type);
      default -> key.startsWith(type.length() + "|" + type + "|");
    };
  }

  // ---------------------------------------------------------------------------------------- checks

  private void checkOpen() {
    if (closed) {
      throw new StoreClosedException(toString());
    }
  }

  private void check(Runnable check) {
    if (defect != Defect.NO_ARGUMENT_CHECKS) {
      check.run();
    }
  }

  // --------------------------------------------------------------------------------------- writes

  @Override
  public void save(Snapshot snapshot) {
    checkOpen();
    check(() -> guard.checkSave(snapshot));
    if (defect == Defect.NO_ARGUMENT_CHECKS && snapshot != null && snapshot.payloadSize() > maxPayloadBytes()) {
      throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), maxPayloadBytes());
    }
    write(snapshot);
  }

  private int maxPayloadBytes() {
    return guard.limits().maxPayloadBytes();
  }

  private void write(Snapshot snapshot) {
    Snapshot stored = mangle(snapshot);
    String key = key(snapshot.aggregateType(), snapshot.aggregateId());
    if (defect == Defect.LOSES_CONCURRENT_SAVE && Thread.currentThread() != opener) {
      // The real bug is a read-modify-write without a lock: an update is lost when two writers overlap, and
      // whether they overlap is up to the scheduler, so a test could pass by luck. This defect takes the
      // worst interleaving instead of waiting for it: a save from any thread but the one that opened the
      // store reads the stream as the opening thread last wrote it, as if every concurrent save had read
      // before any other one landed, and writes the whole stream back. With concurrent writers on one
      // stream only the last save survives, on every run and whatever the timing; the kit's R10 tests write
      // from a pool while the test thread opened the store, so they fail every time.
      TreeMap<Long, Snapshot> stale = new TreeMap<>(asTheOpenerLeftIt.getOrDefault(key, new TreeMap<>()));
      stale.put(stored.version(), stored);
      trim(stale);
      streams.put(key, stale);
    } else {
      TreeMap<Long, Snapshot> written = streams.compute(key, (k, current) -> {
        TreeMap<Long, Snapshot> next = current == null ? new TreeMap<>() : new TreeMap<>(current);
        next.put(stored.version(), stored);
        trim(next);
        return next;
      });
      if (defect == Defect.LOSES_CONCURRENT_SAVE) {
        asTheOpenerLeftIt.put(key, written);
      }
    }
    lastWritten.put(key, snapshot.version());
    everWritten.computeIfAbsent(snapshot.aggregateType(), t -> new AtomicLong()).incrementAndGet();
  }

  private Snapshot mangle(Snapshot snapshot) {
    return switch (defect) {
      case METADATA_DROPPED -> rebuilt(snapshot, snapshot.payload()).metadata(Map.of()).build();
      case TRUNCATES_ABOVE_64_KIB -> snapshot.payloadSize() <= 65536 ? snapshot
          : snapshot.withPayload(Arrays.copyOf(snapshot.payload(), 65536), snapshot.header());
      case CREATED_AT_IN_SECONDS -> rebuilt(snapshot, snapshot.payload())
          .createdAt(snapshot.createdAt().truncatedTo(ChronoUnit.SECONDS)).build();
      default -> snapshot;
    };
  }

  /** A builder holding every field of {@code snapshot} but the payload, for a defect to change one. */
  static Snapshot.Builder rebuilt(Snapshot snapshot, byte[] payload) {
    return Snapshot.builder(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(), payload)
        .createdAt(snapshot.createdAt())
        .metadata(snapshot.metadata())
        .header(snapshot.header());
  }

  private void trim(TreeMap<Long, Snapshot> versions) {
    Retention retention = guard.limits().retention();
    int keep = retention.keep() + (defect == Defect.RETENTION_OFF_BY_ONE ? 1 : 0);
    while (!retention.isUnlimited() && versions.size() > keep) {
      if (defect == Defect.RETENTION_DROPS_HIGHEST) {
        versions.pollLastEntry();
      } else {
        versions.pollFirstEntry();
      }
    }
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    checkOpen();
    if (defect == Defect.PARTIAL_BATCH_WRITTEN) {
      snapshots.forEach(this::save);
      return;
    }
    check(() -> guard.checkSaveAll(snapshots));
    snapshots.forEach(this::write);
  }

  // ---------------------------------------------------------------------------------------- reads

  private TreeMap<Long, Snapshot> stream(String type, String id) {
    TreeMap<Long, Snapshot> versions = streams.get(key(type, id));
    return versions == null ? new TreeMap<>() : new TreeMap<>(versions);
  }

  @Override
  public Optional<Snapshot> loadLatest(String type, String id) {
    checkOpen();
    if (defect == Defect.NO_ARGUMENT_CHECKS && (type == null || id == null)) {
      return Optional.empty();
    }
    check(() -> guard.checkStream(type, id));
    TreeMap<Long, Snapshot> versions = stream(type, id);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    if (defect == Defect.LATEST_IS_LAST_WRITTEN) {
      Long last = lastWritten.get(key(type, id));
      if (last != null && versions.containsKey(last)) {
        return Optional.of(versions.get(last));
      }
    }
    return Optional.of(versions.lastEntry().getValue());
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String type, String id, long version) {
    checkOpen();
    check(() -> guard.checkStream(type, id, version));
    TreeMap<Long, Snapshot> versions = stream(type, id);
    Map.Entry<Long, Snapshot> entry = defect == Defect.AT_OR_BEFORE_RETURNS_HIGHER && !versions.containsKey(version)
        ? versions.ceilingEntry(version) : versions.floorEntry(version);
    return Optional.ofNullable(entry).map(Map.Entry::getValue);
  }

  @Override
  public List<Snapshot> history(String type, String id) {
    checkOpen();
    check(() -> guard.checkStream(type, id));
    return newestFirst(type, id);
  }

  @Override
  public List<Snapshot> history(String type, String id, int limit) {
    checkOpen();
    check(() -> {
      guard.checkStream(type, id);
      guard.checkLimit(limit);
    });
    List<Snapshot> all = newestFirst(type, id);
    return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
  }

  private List<Snapshot> newestFirst(String type, String id) {
    List<Snapshot> newestFirst = new ArrayList<>(stream(type, id).descendingMap().values());
    if (defect == Defect.DUPLICATE_VERSION_IN_HISTORY && newestFirst.size() > 1) {
      newestFirst.add(1, newestFirst.get(0));
    }
    if (defect == Defect.HISTORY_OLDEST_FIRST) {
      Collections.reverse(newestFirst);
    }
    return newestFirst;
  }

  // -------------------------------------------------------------------------------------- deletes

  @Override
  public void delete(String type, String id, long version) {
    checkOpen();
    check(() -> guard.checkStream(type, id, version));
    streams.computeIfPresent(key(type, id), (k, current) -> {
      TreeMap<Long, Snapshot> next = new TreeMap<>(current);
      next.remove(version);
      return next.isEmpty() ? null : next;
    });
  }

  @Override
  public void deleteStream(String type, String id) {
    checkOpen();
    check(() -> guard.checkStream(type, id));
    streams.remove(key(type, id));
  }

  @Override
  public void deleteAll(String type) {
    checkOpen();
    check(() -> guard.checkType(type));
    streams.keySet().removeIf(key -> ofType(key, type));
  }

  // ---------------------------------------------------------------------------- stats and listing

  @Override
  public SnapshotStats stats(String type) {
    checkOpen();
    check(() -> guard.checkType(type));
    long streamCount = 0;
    long snapshots = 0;
    long bytes = 0;
    for (Map.Entry<String, TreeMap<Long, Snapshot>> entry : streams.entrySet()) {
      if (ofType(entry.getKey(), type)) {
        streamCount++;
        snapshots += entry.getValue().size();
        bytes += entry.getValue().values().stream().mapToLong(Snapshot::payloadSize).sum();
      }
    }
    if (defect == Defect.STATS_COUNT_ALL_VERSIONS_EVER && streamCount > 0) {
      snapshots = everWritten.getOrDefault(type, new AtomicLong()).get();
    }
    return new SnapshotStats(streamCount, snapshots, bytes);
  }

  @Override
  public Page<String> listTypes(PageRequest page) {
    checkOpen();
    check(() -> guard.checkPage(page));
    TreeSet<String> types = new TreeSet<>();
    for (String key : streams.keySet()) {
      types.add(typeOf(key));
    }
    return page(types, page);
  }

  @Override
  public Page<String> listStreams(String type, PageRequest page) {
    checkOpen();
    check(() -> {
      guard.checkType(type);
      guard.checkPage(page);
    });
    TreeSet<String> ids = new TreeSet<>();
    for (String key : streams.keySet()) {
      if (ofType(key, type)) {
        ids.add(idOf(key));
      }
    }
    return page(ids, page);
  }

  /** Keyset paging: the items strictly after the cursor, at most the limit, a cursor iff more follow. */
  private static Page<String> page(TreeSet<String> sorted, PageRequest page) {
    List<String> after = new ArrayList<>(page.cursor() == null ? sorted : sorted.tailSet(page.cursor(), false));
    if (after.size() <= page.limit()) {
      return Page.last(after);
    }
    List<String> items = after.subList(0, page.limit());
    return new Page<>(items, items.get(items.size() - 1));
  }

  // --------------------------------------------------------------------------------- the store

  @Override
  public StoreLimits limits() {
    return guard.limits();
  }

  @Override
  public String backend() {
    return "naive";
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "NaiveStore[" + defect + "]";
  }
}

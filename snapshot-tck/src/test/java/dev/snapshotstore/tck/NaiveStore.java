package dev.snapshotstore.tck;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.snapshotstore.api.PayloadTooLargeException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.internal.StoreGuard;

/**
 * A deliberately simple store written independently of the reference store, with one switchable defect.
 * With {@link Defect#NONE} it must pass the kit; with any other defect the kit must fail.
 */
final class NaiveStore implements SnapshotStore {

  private final Defect defect;
  private final StoreGuard guard;
  /** Keys join type and id with a length prefix, so no name can collide (unless the defect says so). */
  private final Map<String, TreeMap<Long, Snapshot>> streams = new ConcurrentHashMap<>();
  private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> everWritten = new ConcurrentHashMap<>();
  /** The thread that opened the store, and each stream as that thread last wrote it (LOSES_CONCURRENT_SAVE). */
  private final Thread opener = Thread.currentThread();
  private final Map<String, TreeMap<Long, Snapshot>> asTheOpenerLeftIt = new ConcurrentHashMap<>();

  NaiveStore(Defect defect, KitStoreConfig config) {
    this.defect = defect;
    this.guard = new StoreGuard(config.retention(), config.maxPayloadBytes(), 1024);
  }

  private String key(String type, String id) {
    return defect == Defect.COLON_KEYS_COLLIDE ? type + ":" + id : type.length() + "|" + type + "|" + id;
  }

  private boolean ofType(String key, String type) {
    return switch (defect) {
      case COLON_KEYS_COLLIDE -> key.startsWith(type + ":");
      case DELETE_ALL_MATCHES_PREFIX -> key.substring(key.indexOf('|') + 1).startsWith(type);
      default -> key.startsWith(type.length() + "|" + type + "|");
    };
  }

  private void check(Runnable check) {
    if (defect != Defect.NO_ARGUMENT_CHECKS) {
      check.run();
    }
  }

  @Override
  public void save(Snapshot snapshot) {
    check(() -> guard.checkSave(snapshot));
    if (defect == Defect.NO_ARGUMENT_CHECKS && snapshot != null && snapshot.payloadSize() > guard.maxPayloadBytes()) {
      throw new PayloadTooLargeException(snapshot.describe(), snapshot.payloadSize(), guard.maxPayloadBytes());
    }
    write(snapshot);
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
      case METADATA_DROPPED -> new Snapshot(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
          snapshot.payload(), snapshot.createdAt(), Map.of(), snapshot.header());
      case TRUNCATES_ABOVE_64_KIB -> snapshot.payloadSize() <= 65536 ? snapshot
          : snapshot.withPayload(Arrays.copyOf(snapshot.payload(), 65536), snapshot.header());
      case CREATED_AT_IN_SECONDS -> new Snapshot(snapshot.aggregateType(), snapshot.aggregateId(), snapshot.version(),
          snapshot.payload(), snapshot.createdAt().truncatedTo(ChronoUnit.SECONDS), snapshot.metadata(),
          snapshot.header());
      default -> snapshot;
    };
  }

  private void trim(TreeMap<Long, Snapshot> versions) {
    Retention retention = guard.retention();
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
    if (defect == Defect.PARTIAL_BATCH_WRITTEN) {
      snapshots.forEach(this::save);
      return;
    }
    check(() -> guard.checkSaveAll(snapshots));
    snapshots.forEach(this::write);
  }

  private TreeMap<Long, Snapshot> stream(String type, String id) {
    TreeMap<Long, Snapshot> versions = streams.get(key(type, id));
    return versions == null ? new TreeMap<>() : new TreeMap<>(versions);
  }

  @Override
  public Optional<Snapshot> loadLatest(String type, String id) {
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
    check(() -> guard.checkStream(type, id, version));
    TreeMap<Long, Snapshot> versions = stream(type, id);
    Map.Entry<Long, Snapshot> entry = defect == Defect.AT_OR_BEFORE_RETURNS_HIGHER && !versions.containsKey(version)
        ? versions.ceilingEntry(version) : versions.floorEntry(version);
    return Optional.ofNullable(entry).map(Map.Entry::getValue);
  }

  @Override
  public List<Snapshot> history(String type, String id) {
    check(() -> guard.checkStream(type, id));
    List<Snapshot> newestFirst = new ArrayList<>(stream(type, id).descendingMap().values());
    if (defect == Defect.DUPLICATE_VERSION_IN_HISTORY && newestFirst.size() > 1) {
      newestFirst.add(1, newestFirst.get(0));
    }
    if (defect == Defect.HISTORY_OLDEST_FIRST) {
      java.util.Collections.reverse(newestFirst);
    }
    return newestFirst;
  }

  @Override
  public void delete(String type, String id, long version) {
    check(() -> guard.checkStream(type, id, version));
    streams.computeIfPresent(key(type, id), (k, current) -> {
      TreeMap<Long, Snapshot> next = new TreeMap<>(current);
      next.remove(version);
      return next.isEmpty() ? null : next;
    });
  }

  @Override
  public void deleteStream(String type, String id) {
    check(() -> guard.checkStream(type, id));
    streams.remove(key(type, id));
  }

  @Override
  public void deleteAll(String type) {
    check(() -> guard.checkType(type));
    streams.keySet().removeIf(key -> ofType(key, type));
  }

  @Override
  public SnapshotStats stats(String type) {
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
  public void close() {}
}

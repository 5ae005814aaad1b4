package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.internal.StoreGuard;

/**
 * The reference store: honours the whole contract in memory, and is what the compatibility kit tests itself
 * against. Thread-safe; each stream's versions are replaced copy-on-write, so readers always see a whole
 * stream as one save left it.
 */
public final class InMemorySnapshotStore implements SnapshotStore {

  /** No backend limits ids; this keeps one runaway id from eating memory. */
  public static final int MAX_KEY_LENGTH = 1024;

  private record StreamKey(String aggregateType, String aggregateId) {}

  private final StoreGuard guard;
  private final ConcurrentHashMap<StreamKey, NavigableMap<Long, Snapshot>> streams = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private InMemorySnapshotStore(Builder builder) {
    this.guard = new StoreGuard(builder.retention, builder.maxPayloadBytes, MAX_KEY_LENGTH);
  }

  /** A store with default retention (5) and maximum payload (16 MiB). */
  public static InMemorySnapshotStore create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Retention retention() {
    return guard.retention();
  }

  @Override
  public void save(Snapshot snapshot) {
    checkOpen();
    guard.checkSave(snapshot);
    put(snapshot);
  }

  @Override
  public void saveAll(List<Snapshot> snapshots) {
    checkOpen();
    guard.checkSaveAll(snapshots);
    snapshots.forEach(this::put);
  }

  private void put(Snapshot snapshot) {
    StreamKey key = new StreamKey(snapshot.aggregateType(), snapshot.aggregateId());
    streams.compute(key, (k, current) -> {
      TreeMap<Long, Snapshot> next = current == null ? new TreeMap<>() : new TreeMap<>(current);
      next.put(snapshot.version(), snapshot);
      Retention retention = guard.retention();
      while (!retention.isUnlimited() && next.size() > retention.keep()) {
        next.pollFirstEntry();
      }
      return Collections.unmodifiableNavigableMap(next);
    });
  }

  @Override
  public Optional<Snapshot> loadLatest(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    NavigableMap<Long, Snapshot> versions = streams.get(new StreamKey(aggregateType, aggregateId));
    return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
  }

  @Override
  public Optional<Snapshot> loadAtOrBefore(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    NavigableMap<Long, Snapshot> versions = streams.get(new StreamKey(aggregateType, aggregateId));
    if (versions == null) {
      return Optional.empty();
    }
    Map.Entry<Long, Snapshot> entry = versions.floorEntry(version);
    return entry == null ? Optional.empty() : Optional.of(entry.getValue());
  }

  @Override
  public List<Snapshot> history(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    NavigableMap<Long, Snapshot> versions = streams.get(new StreamKey(aggregateType, aggregateId));
    return versions == null ? List.of() : List.copyOf(versions.descendingMap().values());
  }

  @Override
  public void delete(String aggregateType, String aggregateId, long version) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId, version);
    streams.computeIfPresent(new StreamKey(aggregateType, aggregateId), (k, current) -> {
      if (!current.containsKey(version)) {
        return current;
      }
      TreeMap<Long, Snapshot> next = new TreeMap<>(current);
      next.remove(version);
      return next.isEmpty() ? null : Collections.unmodifiableNavigableMap(next);
    });
  }

  @Override
  public void deleteStream(String aggregateType, String aggregateId) {
    checkOpen();
    guard.checkStream(aggregateType, aggregateId);
    streams.remove(new StreamKey(aggregateType, aggregateId));
  }

  @Override
  public void deleteAll(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    streams.keySet().removeIf(key -> key.aggregateType().equals(aggregateType));
  }

  @Override
  public SnapshotStats stats(String aggregateType) {
    checkOpen();
    guard.checkType(aggregateType);
    long streamCount = 0;
    long snapshotCount = 0;
    long payloadBytes = 0;
    for (Map.Entry<StreamKey, NavigableMap<Long, Snapshot>> entry : streams.entrySet()) {
      if (entry.getKey().aggregateType().equals(aggregateType)) {
        streamCount++;
        snapshotCount += entry.getValue().size();
        for (Snapshot snapshot : new ArrayList<>(entry.getValue().values())) {
          payloadBytes += snapshot.payloadSize();
        }
      }
    }
    return new SnapshotStats(streamCount, snapshotCount, payloadBytes);
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new SnapshotStoreException("in-memory store is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemorySnapshotStore[" + guard.retention() + ", maxPayloadBytes=" + guard.maxPayloadBytes() + "]";
  }

  /** Options of an {@link InMemorySnapshotStore}. */
  public static final class Builder {
    private Retention retention = Retention.DEFAULT;
    private int maxPayloadBytes = StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES;

    private Builder() {}

    public Builder retention(Retention retention) {
      Arguments.checkNotNull(retention, "retention");
      this.retention = retention;
      return this;
    }

    public Builder maxPayloadBytes(int maxPayloadBytes) {
      Arguments.checkPositive(maxPayloadBytes, "maxPayloadBytes");
      this.maxPayloadBytes = maxPayloadBytes;
      return this;
    }

    public InMemorySnapshotStore build() {
      return new InMemorySnapshotStore(this);
    }
  }
}

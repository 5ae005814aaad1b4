package dev.snapshotstore.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;

/**
 * The reference store: honours the whole contract in memory, and is what the compatibility kit tests itself
 * against. Thread-safe; each stream's versions are replaced copy-on-write, so readers always see a whole
 * stream as one save left it. Types and ids are listed in {@link String#compareTo} order.
 */
public final class InMemorySnapshotStore extends AbstractSnapshotStore {

  /** No backend limits ids; this keeps one runaway id from eating memory. */
  public static final int MAX_KEY_LENGTH = 1024;

  /** Streams by type, then by id: sorted, so listings page by the last key they returned. */
  private final ConcurrentSkipListMap<String, ConcurrentSkipListMap<String, NavigableMap<Long, Snapshot>>> types =
      new ConcurrentSkipListMap<>();

  private InMemorySnapshotStore(Builder builder) {
    super("in-memory", new StoreLimits(builder.retention, builder.maxPayloadBytes, builder.maxMetadataBytes,
        MAX_KEY_LENGTH));
  }

  /** A store with default retention (5) and limits (16 MiB payloads, 64 KiB metadata). */
  public static InMemorySnapshotStore create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void doSave(Snapshot snapshot) {
    ConcurrentSkipListMap<String, NavigableMap<Long, Snapshot>> streams =
        types.computeIfAbsent(snapshot.aggregateType(), type -> new ConcurrentSkipListMap<>());
    streams.compute(snapshot.aggregateId(), (id, current) -> {
      TreeMap<Long, Snapshot> next = current == null ? new TreeMap<>() : new TreeMap<>(current);
      next.put(snapshot.version(), snapshot);
      Retention retention = limits().retention();
      while (!retention.isUnlimited() && next.size() > retention.keep()) {
        next.pollFirstEntry();
      }
      return Collections.unmodifiableNavigableMap(next);
    });
  }

  private Optional<NavigableMap<Long, Snapshot>> stream(String aggregateType, String aggregateId) {
    Map<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    return streams == null ? Optional.empty() : Optional.ofNullable(streams.get(aggregateId));
  }

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    return stream(aggregateType, aggregateId).filter(versions -> !versions.isEmpty())
        .map(versions -> versions.lastEntry().getValue());
  }

  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return stream(aggregateType, aggregateId).map(versions -> versions.floorEntry(version)).map(Map.Entry::getValue);
  }

  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    return stream(aggregateType, aggregateId)
        .map(versions -> versions.descendingMap().values().stream().limit(limit).toList())
        .orElse(List.of());
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    Map<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    if (streams == null) {
      return;
    }
    streams.computeIfPresent(aggregateId, (id, current) -> {
      if (!current.containsKey(version)) {
        return current;
      }
      TreeMap<Long, Snapshot> next = new TreeMap<>(current);
      next.remove(version);
      return next.isEmpty() ? null : Collections.unmodifiableNavigableMap(next);
    });
  }

  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    Map<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    if (streams != null) {
      streams.remove(aggregateId);
    }
  }

  @Override
  protected void doDeleteAll(String aggregateType) {
    Map<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    if (streams != null) {
      streams.clear();
    }
  }

  @Override
  protected SnapshotStats doStats(String aggregateType) {
    Map<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    if (streams == null) {
      return SnapshotStats.EMPTY;
    }
    long streamCount = 0;
    long snapshotCount = 0;
    long payloadBytes = 0;
    for (NavigableMap<Long, Snapshot> versions : streams.values()) {
      if (!versions.isEmpty()) {
        streamCount++;
        snapshotCount += versions.size();
        for (Snapshot snapshot : versions.values()) {
          payloadBytes += snapshot.payloadSize();
        }
      }
    }
    return new SnapshotStats(streamCount, snapshotCount, payloadBytes);
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    List<String> found = new ArrayList<>();
    NavigableMap<String, ConcurrentSkipListMap<String, NavigableMap<Long, Snapshot>>> candidates =
        page.cursor() == null ? types : types.tailMap(page.cursor(), false);
    for (Map.Entry<String, ConcurrentSkipListMap<String, NavigableMap<Long, Snapshot>>> entry : candidates.entrySet()) {
      if (!entry.getValue().isEmpty()) {
        if (found.size() == page.limit()) {
          return new Page<>(found, found.get(found.size() - 1));
        }
        found.add(entry.getKey());
      }
    }
    return Page.last(found);
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    ConcurrentSkipListMap<String, NavigableMap<Long, Snapshot>> streams = types.get(aggregateType);
    if (streams == null) {
      return Page.last(List.of());
    }
    List<String> found = new ArrayList<>();
    NavigableMap<String, NavigableMap<Long, Snapshot>> candidates =
        page.cursor() == null ? streams : streams.tailMap(page.cursor(), false);
    for (String id : candidates.keySet()) {
      if (found.size() == page.limit()) {
        return new Page<>(found, found.get(found.size() - 1));
      }
      found.add(id);
    }
    return Page.last(found);
  }

  @Override
  public String toString() {
    return "InMemorySnapshotStore[" + limits().retention() + ", maxPayloadBytes=" + limits().maxPayloadBytes() + "]";
  }

  /** Options of an {@link InMemorySnapshotStore}. */
  public static final class Builder {
    private Retention retention = Retention.DEFAULT;
    private int maxPayloadBytes = StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES;
    private int maxMetadataBytes = StoreLimits.DEFAULT_MAX_METADATA_BYTES;

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

    public Builder maxMetadataBytes(int maxMetadataBytes) {
      Arguments.checkPositive(maxMetadataBytes, "maxMetadataBytes");
      this.maxMetadataBytes = maxMetadataBytes;
      return this;
    }

    public InMemorySnapshotStore build() {
      return new InMemorySnapshotStore(this);
    }
  }
}

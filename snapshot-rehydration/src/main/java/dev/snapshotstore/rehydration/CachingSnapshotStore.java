package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.snapshotstore.api.Page;
import dev.snapshotstore.api.PageRequest;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStats;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.AbstractSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;

/**
 * Caches {@link #loadLatest} of any store in memory (Caffeine): bounded in size, each entry living at most a
 * time-to-live, and dropped whenever a save or delete through this decorator touches its stream (or its whole
 * aggregate type).
 *
 * <p>Only {@code loadLatest} is cached, the call every load makes; absent results are cached too, so streams
 * without snapshots do not reach the store on every load. {@code loadAtOrBefore} (time travel, rare), {@code
 * history}, {@code stats} and the listings pass through. Writes that bypass this decorator (another process, another
 * instance) are seen once the entry expires: choose the time-to-live as the staleness you accept. A stale
 * snapshot is still correct for loading, since the repository replays the events after it.
 *
 * <p>Snapshots are immutable, so cached ones are shared safely. Arguments are checked here against the
 * delegate's limits, before the cache is consulted; after {@link #close()} every call fails with {@link
 * dev.snapshotstore.api.StoreClosedException}, as on every store.
 */
public final class CachingSnapshotStore extends AbstractSnapshotStore {

  /**
   * How the cache did since it was built.
   *
   * @param hits loadLatest calls answered from the cache
   * @param misses loadLatest calls that went to the store
   * @param evictions entries dropped for size or age (not counting invalidations)
   * @param size entries now held (approximate)
   */
  public record CacheStatistics(long hits, long misses, long evictions, long size) {}

  private record Key(String aggregateType, String aggregateId) {}

  /** A cached answer, with the generation of its type when it was read from the store. */
  private record Entry(Optional<Snapshot> snapshot, long generation) {}

  private final SnapshotStore delegate;
  private final boolean closeDelegate;
  private final Cache<Key, Entry> cache;
  // deleteAll cannot reach entries still being loaded; bumping the type's generation makes them stale instead.
  private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private CachingSnapshotStore(Builder builder) {
    // The delegate's name and limits: the checks run here fail exactly as the delegate's own would.
    super(builder.delegate.backend(), builder.delegate.limits());
    this.delegate = builder.delegate;
    this.closeDelegate = builder.closeDelegate;
    LongSupplier ticker = builder.ticker;
    this.cache = Caffeine.newBuilder()
        .maximumSize(builder.maximumSize)
        .expireAfterWrite(builder.timeToLive.toNanos(), TimeUnit.NANOSECONDS)
        .ticker(ticker::getAsLong)
        // Maintenance on the calling thread: eviction is then immediate and no pool thread is borrowed.
        .executor(Runnable::run)
        .recordStats()
        .build();
  }

  /** A cache of 10,000 streams for 30 seconds. */
  public static CachingSnapshotStore wrap(SnapshotStore delegate) {
    return builder(delegate).build();
  }

  public static Builder builder(SnapshotStore delegate) {
    return new Builder(delegate);
  }

  public SnapshotStore delegate() {
    return delegate;
  }

  @Override
  protected void doSave(Snapshot snapshot) {
    try {
      delegate.save(snapshot);
    } finally {
      invalidate(snapshot.aggregateType(), snapshot.aggregateId());
    }
  }

  @Override
  protected void doSaveAll(List<Snapshot> snapshots) {
    try {
      delegate.saveAll(snapshots);
    } finally {
      // A failed batch may have written part of itself.
      snapshots.forEach(snapshot -> invalidate(snapshot.aggregateType(), snapshot.aggregateId()));
    }
  }

  @Override
  protected Optional<Snapshot> doLoadLatest(String aggregateType, String aggregateId) {
    Key key = new Key(aggregateType, aggregateId);
    AtomicLong generation = generation(aggregateType);
    requests.increment();
    // Loading inside the cache's per-key computation orders it against invalidations of the same key.
    Entry entry = cache.get(key, k -> load(aggregateType, aggregateId, generation));
    if (entry.generation() != generation.get()) {
      cache.asMap().remove(key, entry);
      entry = cache.get(key, k -> load(aggregateType, aggregateId, generation));
    }
    return entry.snapshot();
  }

  private Entry load(String aggregateType, String aggregateId, AtomicLong generation) {
    misses.increment();
    long current = generation.get();
    return new Entry(delegate.loadLatest(aggregateType, aggregateId), current);
  }

  @Override
  protected Optional<Snapshot> doLoadAtOrBefore(String aggregateType, String aggregateId, long version) {
    return delegate.loadAtOrBefore(aggregateType, aggregateId, version);
  }

  @Override
  protected List<Snapshot> doHistory(String aggregateType, String aggregateId, int limit) {
    return limit == Integer.MAX_VALUE
        ? delegate.history(aggregateType, aggregateId)
        : delegate.history(aggregateType, aggregateId, limit);
  }

  @Override
  protected void doDelete(String aggregateType, String aggregateId, long version) {
    try {
      delegate.delete(aggregateType, aggregateId, version);
    } finally {
      invalidate(aggregateType, aggregateId);
    }
  }

  @Override
  protected void doDeleteStream(String aggregateType, String aggregateId) {
    try {
      delegate.deleteStream(aggregateType, aggregateId);
    } finally {
      invalidate(aggregateType, aggregateId);
    }
  }

  @Override
  protected void doDeleteAll(String aggregateType) {
    try {
      delegate.deleteAll(aggregateType);
    } finally {
      generation(aggregateType).incrementAndGet();
      cache.asMap().keySet().removeIf(key -> key.aggregateType().equals(aggregateType));
    }
  }

  @Override
  protected SnapshotStats doStats(String aggregateType) {
    return delegate.stats(aggregateType);
  }

  @Override
  protected Page<String> doListTypes(PageRequest page) {
    return delegate.listTypes(page);
  }

  @Override
  protected Page<String> doListStreams(String aggregateType, PageRequest page) {
    return delegate.listStreams(aggregateType, page);
  }

  /** Drops every cached entry. */
  public void invalidateAll() {
    generations.values().forEach(AtomicLong::incrementAndGet);
    cache.invalidateAll();
  }

  public CacheStatistics cacheStatistics() {
    cache.cleanUp();
    long missCount = misses.sum();
    return new CacheStatistics(Math.max(0, requests.sum() - missCount), missCount, cache.stats().evictionCount(),
        cache.estimatedSize());
  }

  /** Drops the cache; closes the delegate only if built with {@link Builder#closeDelegate(boolean)}. */
  @Override
  protected void doClose() {
    cache.invalidateAll();
    if (closeDelegate) {
      delegate.close();
    }
  }

  private void invalidate(String aggregateType, String aggregateId) {
    cache.invalidate(new Key(aggregateType, aggregateId));
  }

  private AtomicLong generation(String aggregateType) {
    return generations.computeIfAbsent(aggregateType, type -> new AtomicLong());
  }

  @Override
  public String toString() {
    return "CachingSnapshotStore[" + delegate + ", " + cacheStatistics() + "]";
  }

  /** Options of a {@link CachingSnapshotStore}. */
  public static final class Builder {
    private final SnapshotStore delegate;
    private long maximumSize = 10_000;
    private Duration timeToLive = Duration.ofSeconds(30);
    private LongSupplier ticker = System::nanoTime;
    private boolean closeDelegate;

    private Builder(SnapshotStore delegate) {
      Arguments.checkNotNull(delegate, "delegate");
      this.delegate = delegate;
    }

    /** How many streams to keep at most; default 10,000. */
    public Builder maximumSize(long maximumSize) {
      Arguments.checkPositive(maximumSize, "maximumSize");
      this.maximumSize = maximumSize;
      return this;
    }

    /** How long an entry lives after it was read from the store; default 30 seconds. */
    public Builder timeToLive(Duration timeToLive) {
      Arguments.checkNotNull(timeToLive, "timeToLive");
      if (timeToLive.isNegative() || timeToLive.isZero()) {
        throw new IllegalArgumentException("timeToLive must be positive but was " + timeToLive);
      }
      this.timeToLive = timeToLive;
      return this;
    }

    /** The time source in nanoseconds, for tests that move time by hand; default {@link System#nanoTime()}. */
    public Builder ticker(LongSupplier ticker) {
      Arguments.checkNotNull(ticker, "ticker");
      this.ticker = ticker;
      return this;
    }

    /** Whether {@link CachingSnapshotStore#close()} closes the delegate too; default false. */
    public Builder closeDelegate(boolean closeDelegate) {
      this.closeDelegate = closeDelegate;
      return this;
    }

    public CachingSnapshotStore build() {
      return new CachingSnapshotStore(this);
    }
  }
}

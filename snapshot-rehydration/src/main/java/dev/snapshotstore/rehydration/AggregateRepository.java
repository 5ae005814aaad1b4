package dev.snapshotstore.rehydration;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.PayloadCodecs;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotSerializers;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.TypedSnapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.internal.Arguments;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.rehydration.internal.Listeners;
import dev.snapshotstore.rehydration.internal.OncePerKey;

/**
 * Loads aggregates of one type: the latest usable snapshot, then only the events after its version.
 *
 * <p>A snapshot that cannot be decoded, or was written under another schema revision, is passed over for the
 * next older one, and finally for a full replay; each such fallback is counted, reported to listeners and
 * logged (at WARN the first time for a stream and version), and never fails the load. Failing to <em>reach</em>
 * the snapshot store is different: by default the load fails with the store's exception, and with {@link
 * Builder#replayWhenStoreUnavailable(boolean)} it replays every event instead.
 *
 * <p>After each {@link #load} (and on {@link #afterCommand}) the {@link SnapshotPolicy} decides whether to
 * snapshot. Snapshots are taken on the executor, at most one in flight per stream, and a failed snapshot is
 * counted and logged, never thrown.
 *
 * <pre>{@code
 * AggregateRepository<Account, AccountEvent> accounts = AggregateRepository.builder(store, eventLog, definition)
 *     .policy(SnapshotPolicy.everyEvents(100))
 *     .build();
 * LoadedAggregate<Account> account = accounts.load("acc-1");
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} waits for snapshots in flight.
 */
public final class AggregateRepository<S, E> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AggregateRepository.class);
  private static final long NONE = -1;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What a repository counted since it was built.
   *
   * @param loads loads of current and past versions, including those of {@link #snapshotIfDue}
   * @param snapshotHits loads that started from a snapshot
   * @param fullReplays loads that replayed every event
   * @param fallbacks stored snapshots passed over as corrupt or of another revision
   * @param storeUnavailable loads that replayed every event because the store could not be reached
   * @param snapshotsRequested snapshots a policy asked for and the repository scheduled
   * @param snapshotsSaved snapshots saved
   * @param snapshotFailures snapshots that could not be taken or saved
   * @param snapshotsSkippedInFlight snapshot requests dropped because one was in flight for the stream
   */
  public record Counters(long loads, long snapshotHits, long fullReplays, long fallbacks, long storeUnavailable,
      long snapshotsRequested, long snapshotsSaved, long snapshotFailures, long snapshotsSkippedInFlight) {}

  private record Baseline<S>(S state, long snapshotVersion, boolean storeReached) {
    long version() {
      return Math.max(0, snapshotVersion);
    }
  }

  private record Rebuilt<S>(LoadedAggregate<S> aggregate, boolean storeReached) {}

  private final SnapshotStore store;
  private final TypedSnapshotStore<S> snapshots;
  private final EventSource<E> events;
  private final AggregateDefinition<S, E> definition;
  private final SnapshotPolicy policy;
  private final Executor executor;
  private final @Nullable ExecutorService ownedExecutor;
  private final boolean replayWhenStoreUnavailable;
  private final boolean snapshotAfterLoad;
  private final RehydrationListener listener;
  private final ConcurrentHashMap<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final Object idle = new Object();
  private final OncePerKey reported = new OncePerKey(10_000);
  private volatile boolean storeDown;
  private volatile boolean closed;

  private final LongAdder loads = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder fullReplays = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder storeUnavailable = new LongAdder();
  private final LongAdder requested = new LongAdder();
  private final LongAdder saved = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder skippedInFlight = new LongAdder();

  private AggregateRepository(Builder<S, E> builder, TypedSnapshotStore<S> snapshots, Executor executor,
      @Nullable ExecutorService ownedExecutor) {
    this.store = builder.store;
    this.snapshots = snapshots;
    this.events = builder.events;
    this.definition = builder.definition;
    this.policy = builder.policy;
    this.executor = executor;
    this.ownedExecutor = ownedExecutor;
    this.replayWhenStoreUnavailable = builder.replayWhenStoreUnavailable;
    this.snapshotAfterLoad = builder.snapshotAfterLoad;
    this.listener = new Listeners(builder.listeners);
  }

  public static <S, E> Builder<S, E> builder(SnapshotStore store, EventSource<E> events,
      AggregateDefinition<S, E> definition) {
    return new Builder<>(store, events, definition);
  }

  public AggregateDefinition<S, E> definition() {
    return definition;
  }

  /** The typed view this repository reads and writes snapshots through. */
  public TypedSnapshotStore<S> snapshots() {
    return snapshots;
  }

  /**
   * The aggregate's current state: latest usable snapshot plus the events after it. Then evaluates the policy
   * and, if it says so, snapshots the result in the background.
   *
   * @throws SnapshotStoreException the store could not be reached (unless configured to replay instead)
   */
  public LoadedAggregate<S> load(String aggregateId) {
    Rebuilt<S> rebuilt = rebuild(aggregateId, Long.MAX_VALUE);
    LoadedAggregate<S> aggregate = rebuilt.aggregate();
    if (snapshotAfterLoad && rebuilt.storeReached() && requestIfDue(aggregate, aggregate.state(), aggregate.version())) {
      return aggregate.withKnownSnapshotVersion(aggregate.version());
    }
    return aggregate;
  }

  /**
   * The aggregate as it was at {@code version} (time travel): the newest usable snapshot at or before it, then
   * the events up to it. A version past the stream's end gives the current state. Never snapshots.
   */
  public LoadedAggregate<S> loadAsOf(String aggregateId, long version) {
    Arguments.checkVersion(version, "version");
    return rebuild(aggregateId, version).aggregate();
  }

  /**
   * Tells the repository that a command moved the aggregate from {@code loaded} to {@code newState} at {@code
   * newVersion}; the policy then decides whether to snapshot the new state in the background. Returns whether a
   * snapshot was scheduled. Never throws for a snapshot problem.
   */
  public boolean afterCommand(LoadedAggregate<S> loaded, S newState, long newVersion) {
    Arguments.checkNotNull(loaded, "loaded");
    Arguments.checkNotNull(newState, "newState");
    if (!loaded.stream().aggregateType().equals(definition.aggregateType())) {
      throw new IllegalArgumentException("loaded is a " + loaded.stream().aggregateType() + ", not a "
          + definition.aggregateType());
    }
    if (newVersion < loaded.version()) {
      throw new IllegalArgumentException("newVersion must be >= the loaded version " + loaded.version() + " but was "
          + newVersion);
    }
    return requestIfDue(loaded, newState, newVersion);
  }

  /**
   * For background jobs: evaluates {@code policy} for the stream and, if it says so, loads the aggregate and
   * saves its snapshot on the calling thread. Uses the event source's head version when it has one, so a
   * stream that is not due costs one snapshot read; otherwise loads to find out. Returns whether a snapshot
   * was saved; {@code false} too when one is in flight for the stream.
   *
   * @throws SnapshotStoreException when the store cannot be reached or the snapshot cannot be saved
   */
  public boolean snapshotIfDue(String aggregateId, SnapshotPolicy policy) {
    Arguments.checkNotNull(policy, "policy");
    StreamId stream = new StreamId(definition.aggregateType(), aggregateId);
    OptionalLong head = events.headVersion(stream);
    if (head.isPresent()) {
      long last = latestStoredVersion(stream);
      long version = head.getAsLong();
      long known = Math.min(last, version);
      if (!policy.shouldSnapshot(new SnapshotContext(stream, version, known, version - known, Duration.ZERO))) {
        return false;
      }
    }
    if (!claim(aggregateId)) {
      return false;
    }
    try {
      LoadedAggregate<S> aggregate = rebuild(aggregateId, Long.MAX_VALUE).aggregate();
      if (aggregate.version() == 0 || aggregate.snapshotVersion().orElse(NONE) >= aggregate.version()) {
        return false;
      }
      if (head.isEmpty() && !policy.shouldSnapshot(contextOf(aggregate, aggregate.version()))) {
        return false;
      }
      save(stream, aggregate.version(), aggregate.state());
      return true;
    } finally {
      release(aggregateId);
    }
  }

  private long latestStoredVersion(StreamId stream) {
    try {
      return store.loadLatest(stream.aggregateType(), stream.aggregateId()).map(Snapshot::version).orElse(0L);
    } catch (CorruptSnapshotException e) {
      return 0;
    }
  }

  /** Waits until no snapshot is in flight; false if {@code timeout} passed first. */
  public boolean awaitSnapshots(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (!inFlight.isEmpty()) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, remaining);
      }
      return true;
    }
  }

  public Counters counters() {
    return new Counters(loads.sum(), hits.sum(), fullReplays.sum(), fallbacks.sum(), storeUnavailable.sum(),
        requested.sum(), saved.sum(), failures.sum(), skippedInFlight.sum());
  }

  /**
   * Stops scheduling snapshots and waits (up to 30 seconds) for those in flight. Shuts down the executor only
   * if the repository created it; the store and event source stay open.
   */
  @Override
  public void close() {
    closed = true;
    try {
      if (ownedExecutor != null) {
        ownedExecutor.shutdown();
        if (!ownedExecutor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("snapshots of {} still running after {}", definition.aggregateType(), CLOSE_TIMEOUT);
        }
      } else if (!awaitSnapshots(CLOSE_TIMEOUT)) {
        LOG.warn("snapshots of {} still in flight after {}", definition.aggregateType(), CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Rebuilt<S> rebuild(String aggregateId, long bound) {
    StreamId stream = new StreamId(definition.aggregateType(), aggregateId);
    long start = System.nanoTime();
    Baseline<S> baseline = baseline(stream, bound);
    S state = baseline.state();
    long version = baseline.version();
    long replayed = 0;
    try (Stream<RecordedEvent<E>> tail = events.read(stream, version + 1, bound)) {
      Iterator<RecordedEvent<E>> iterator = tail.iterator();
      while (iterator.hasNext()) {
        RecordedEvent<E> event = iterator.next();
        if (event.version() <= version || event.version() > bound) {
          throw new IllegalStateException("event source returned version " + event.version() + " of stream " + stream
              + " after version " + version + (bound == Long.MAX_VALUE ? "" : " (reading up to " + bound + ")"));
        }
        state = definition.apply(state, event.event());
        version = event.version();
        replayed++;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    LoadedAggregate<S> aggregate = new LoadedAggregate<>(stream, state, version, replayed, baseline.snapshotVersion(),
        took, baseline.version());
    loads.increment();
    (aggregate.fromSnapshot() ? hits : fullReplays).increment();
    listener.loaded(aggregate);
    return new Rebuilt<>(aggregate, baseline.storeReached());
  }

  private Baseline<S> baseline(StreamId stream, long bound) {
    Optional<Snapshot> newest;
    try {
      newest = bound == Long.MAX_VALUE
          ? store.loadLatest(stream.aggregateType(), stream.aggregateId())
          : store.loadAtOrBefore(stream.aggregateType(), stream.aggregateId(), bound);
    } catch (CorruptSnapshotException e) {
      storeReached();
      fallback(stream, e.version(), FallbackReason.CORRUPT, e.getMessage());
      return older(stream, Math.min(bound, e.version() - 1));
    } catch (SnapshotStoreException e) {
      return unreachable(stream, e);
    }
    storeReached();
    if (newest.isEmpty()) {
      return initial(true);
    }
    Optional<S> state = decode(stream, newest.get());
    return state.isPresent()
        ? new Baseline<>(state.get(), newest.get().version(), true)
        : older(stream, newest.get().version() - 1);
  }

  /** The newest usable snapshot at or below {@code maxVersion}, else the initial state. */
  private Baseline<S> older(StreamId stream, long maxVersion) {
    if (maxVersion < 0) {
      return initial(true);
    }
    List<Snapshot> history;
    try {
      history = store.history(stream.aggregateType(), stream.aggregateId());
    } catch (CorruptSnapshotException e) {
      fallback(stream, e.version(), FallbackReason.CORRUPT, e.getMessage());
      return initial(true);
    } catch (SnapshotStoreException e) {
      return unreachable(stream, e);
    }
    for (Snapshot snapshot : history) {
      if (snapshot.version() <= maxVersion) {
        Optional<S> state = decode(stream, snapshot);
        if (state.isPresent()) {
          return new Baseline<>(state.get(), snapshot.version(), true);
        }
      }
    }
    return initial(true);
  }

  private Optional<S> decode(StreamId stream, Snapshot snapshot) {
    Optional<TypedSnapshot<S>> decoded;
    try {
      decoded = snapshots.decode(snapshot);
    } catch (CorruptSnapshotException e) {
      fallback(stream, snapshot.version(), FallbackReason.CORRUPT, e.getMessage());
      return Optional.empty();
    }
    if (decoded.isEmpty()) {
      fallback(stream, snapshot.version(), FallbackReason.REVISION_MISMATCH, "written under schema revision "
          + snapshot.header().schemaRevision() + ", the definition is at revision " + definition.revision());
      return Optional.empty();
    }
    listener.snapshotRead(stream, snapshot.version(), snapshot.payloadSize());
    return Optional.of(decoded.get().state());
  }

  private void fallback(StreamId stream, long version, FallbackReason reason, String detail) {
    fallbacks.increment();
    listener.fallback(stream, version, reason, detail);
    if (reported.first(stream + "@" + version + "/" + reason)) {
      LOG.warn("Snapshot {}@{} passed over ({}): {}; loading from an older snapshot or the events", stream, version,
          reason, detail);
    } else {
      LOG.debug("Snapshot {}@{} passed over again ({})", stream, version, reason);
    }
  }

  private Baseline<S> unreachable(StreamId stream, SnapshotStoreException e) {
    if (!replayWhenStoreUnavailable) {
      throw e;
    }
    storeUnavailable.increment();
    listener.storeUnavailable(stream, e);
    if (!storeDown) {
      storeDown = true;
      LOG.warn("Snapshot store unreachable while loading {}; replaying all events until it is back: {}", stream,
          e.getMessage());
    } else {
      LOG.debug("Snapshot store still unreachable while loading {}: {}", stream, e.getMessage());
    }
    return initial(false);
  }

  private void storeReached() {
    if (storeDown) {
      storeDown = false;
      LOG.info("Snapshot store reachable again");
    }
  }

  private Baseline<S> initial(boolean storeReached) {
    return new Baseline<>(definition.initialState(), NONE, storeReached);
  }

  private SnapshotContext contextOf(LoadedAggregate<S> aggregate, long version) {
    return new SnapshotContext(aggregate.stream(), version, Math.min(aggregate.knownSnapshotVersion(), version),
        aggregate.eventsReplayed(), aggregate.loadDuration());
  }

  private boolean requestIfDue(LoadedAggregate<S> aggregate, S state, long version) {
    if (closed || version == 0 || version <= aggregate.knownSnapshotVersion()) {
      return false;
    }
    boolean due;
    try {
      due = policy.shouldSnapshot(contextOf(aggregate, version));
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warn("Snapshot policy failed for {}@{}", aggregate.stream(), version, e);
      return false;
    }
    return due && request(aggregate.stream(), version, state);
  }

  private boolean request(StreamId stream, long version, S state) {
    if (!claim(stream.aggregateId())) {
      skippedInFlight.increment();
      return false;
    }
    requested.increment();
    try {
      executor.execute(() -> {
        try {
          save(stream, version, state);
        } catch (RuntimeException e) {
          // save() already counted, logged and reported it; the command that asked must not see it.
        } finally {
          release(stream.aggregateId());
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      release(stream.aggregateId());
      failed(stream, version, e);
      return false;
    }
  }

  private void save(StreamId stream, long version, S state) {
    long start = System.nanoTime();
    try {
      Snapshot snapshot = snapshots.encode(stream.aggregateId(), version, state, Map.of());
      store.save(snapshot);
      saved.increment();
      listener.snapshotSaved(stream, version, snapshot.payloadSize(), Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException e) {
      failed(stream, version, e);
      throw e;
    }
  }

  private void failed(StreamId stream, long version, Exception e) {
    failures.increment();
    LOG.warn("Snapshot of {}@{} failed: {}", stream, version, e.toString());
    listener.snapshotFailed(stream, version, e);
  }

  private boolean claim(String aggregateId) {
    return inFlight.putIfAbsent(aggregateId, Boolean.TRUE) == null;
  }

  private void release(String aggregateId) {
    inFlight.remove(aggregateId);
    synchronized (idle) {
      idle.notifyAll();
    }
  }

  @Override
  public String toString() {
    return "AggregateRepository[" + definition.aggregateType() + ", revision " + definition.revision() + ", " + store
        + "]";
  }

  /** Options of an {@link AggregateRepository}; every one has a working default. */
  public static final class Builder<S, E> {
    private final SnapshotStore store;
    private final EventSource<E> events;
    private final AggregateDefinition<S, E> definition;
    private SnapshotPolicy policy = SnapshotPolicy.everyEvents(100);
    private @Nullable Executor executor;
    private boolean replayWhenStoreUnavailable;
    private boolean snapshotAfterLoad = true;
    private final List<RehydrationListener> listeners = new ArrayList<>();
    private @Nullable SnapshotSerializer serializer;
    private @Nullable PayloadCodec codec;
    private @Nullable SnapshotSerializers serializers;
    private @Nullable PayloadCodecs codecs;
    private @Nullable Clock clock;

    private Builder(SnapshotStore store, EventSource<E> events, AggregateDefinition<S, E> definition) {
      Arguments.checkNotNull(store, "store");
      Arguments.checkNotNull(events, "events");
      Arguments.checkNotNull(definition, "definition");
      this.store = store;
      this.events = events;
      this.definition = definition;
    }

    /** When to snapshot; default {@link SnapshotPolicy#everyEvents(long) every 100 events}. */
    public Builder<S, E> policy(SnapshotPolicy policy) {
      Arguments.checkNotNull(policy, "policy");
      this.policy = policy;
      return this;
    }

    /**
     * Where snapshots are taken; default a single daemon thread owned (and shut down on close) by the
     * repository. {@code Runnable::run} snapshots on the loading thread.
     */
    public Builder<S, E> executor(Executor executor) {
      Arguments.checkNotNull(executor, "executor");
      this.executor = executor;
      return this;
    }

    /**
     * When the snapshot store cannot be reached: {@code false} (default) fails the load with the store's
     * exception; {@code true} replays every event instead, counted and reported to listeners.
     */
    public Builder<S, E> replayWhenStoreUnavailable(boolean replay) {
      this.replayWhenStoreUnavailable = replay;
      return this;
    }

    /** Whether {@link #load} evaluates the policy (default true); {@link #afterCommand} always does. */
    public Builder<S, E> snapshotAfterLoad(boolean snapshotAfterLoad) {
      this.snapshotAfterLoad = snapshotAfterLoad;
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder<S, E> listener(RehydrationListener listener) {
      Arguments.checkNotNull(listener, "listener");
      listeners.add(listener);
      return this;
    }

    /** How state becomes bytes; default Jackson JSON. */
    public Builder<S, E> serializer(SnapshotSerializer serializer) {
      Arguments.checkNotNull(serializer, "serializer");
      this.serializer = serializer;
      return this;
    }

    /** How bytes are encoded for storage, for example compressed; default identity. */
    public Builder<S, E> codec(PayloadCodec codec) {
      Arguments.checkNotNull(codec, "codec");
      this.codec = codec;
      return this;
    }

    /** The serializers reading may route to; default the discovered ones. */
    public Builder<S, E> serializers(SnapshotSerializers serializers) {
      Arguments.checkNotNull(serializers, "serializers");
      this.serializers = serializers;
      return this;
    }

    /** The codecs reading may route to; default the discovered ones. */
    public Builder<S, E> codecs(PayloadCodecs codecs) {
      Arguments.checkNotNull(codecs, "codecs");
      this.codecs = codecs;
      return this;
    }

    /** The clock for snapshots' {@code createdAt}; default UTC system clock. */
    public Builder<S, E> clock(Clock clock) {
      Arguments.checkNotNull(clock, "clock");
      this.clock = clock;
      return this;
    }

    public AggregateRepository<S, E> build() {
      TypedSnapshotStore.Builder<S> typed =
          TypedSnapshotStore.builder(store, definition.aggregateType(), definition.stateType())
              .revision(definition.revision());
      if (serializer != null) {
        typed.serializer(serializer);
      }
      if (codec != null) {
        typed.codec(codec);
      }
      if (serializers != null) {
        typed.serializers(serializers);
      }
      if (codecs != null) {
        typed.codecs(codecs);
      }
      if (clock != null) {
        typed.clock(clock);
      }
      ExecutorService owned = null;
      Executor chosen = executor;
      if (chosen == null) {
        String name = "snapshot-" + definition.aggregateType();
        owned = Executors.newSingleThreadExecutor(task -> {
          Thread thread = new Thread(task, name);
          thread.setDaemon(true);
          return thread;
        });
        chosen = owned;
      }
      return new AggregateRepository<>(this, typed.build(), chosen, owned);
    }
  }
}

package dev.snapshotstore.rehydration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStoreException;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.internal.FallbackWalker;
import dev.snapshotstore.rehydration.internal.FallbackWalker.Baseline;
import dev.snapshotstore.rehydration.internal.Listeners;
import dev.snapshotstore.rehydration.internal.RehydrationLog;
import dev.snapshotstore.rehydration.internal.SnapshotScheduler;

/**
 * Loads aggregates of one type: the latest usable snapshot, then only the events after its version.
 *
 * <p>Snapshots are read and written through a {@link TypedSnapshotStore}, which says everything about how state
 * is stored: aggregate type, state class, serializer, codec, schema revision. A snapshot that cannot be decoded,
 * was written under another schema revision, or is ahead of the event stream (its version has no event) is
 * passed over for the next older one, and finally for a full replay; each such fallback is reported to the
 * listeners (counted by {@link #counters()}, logged at WARN the first time for a stream and version) and never
 * fails the load. Failing to <em>reach</em> the snapshot store is different: by default the load fails with
 * the store's exception, and with {@link Builder#replayWhenStoreUnavailable(boolean)} it replays every event
 * instead.
 *
 * <p>After each {@link #load} (and on {@link #afterCommand}) the {@link SnapshotPolicy} decides whether to
 * snapshot. Snapshots are taken on the executor, at most one in flight per stream, and a failed snapshot is
 * counted and logged, never thrown.
 *
 * <pre>{@code
 * TypedSnapshotStore<Account> snapshots = TypedSnapshotStore.builder(store, "Account", Account.class)
 *     .serializer(JacksonSnapshotSerializer.create())
 *     .build();
 * AggregateRepository<Account, AccountEvent> accounts = AggregateRepository.builder(snapshots, eventLog,
 *         AggregateDefinition.of(Account::opened, Account::apply))
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

  private record Rebuilt<S>(LoadedAggregate<S> aggregate, boolean storeReached) {}

  private final TypedSnapshotStore<S> snapshots;
  private final EventSource<E> events;
  private final AggregateDefinition<S, E> definition;
  private final boolean snapshotAfterLoad;
  private final RehydrationCounters counters = new RehydrationCounters();
  private final RehydrationListener listener;
  private final FallbackWalker<S> walker;
  private final SnapshotScheduler<S> scheduler;

  private AggregateRepository(Builder<S, E> builder) {
    this.snapshots = builder.snapshots;
    this.events = builder.events;
    this.definition = builder.definition;
    this.snapshotAfterLoad = builder.snapshotAfterLoad;
    List<RehydrationListener> all = new ArrayList<>();
    all.add(counters);
    all.add(new RehydrationLog());
    all.addAll(builder.listeners);
    this.listener = new Listeners(all);
    this.walker = new FallbackWalker<>(snapshots, definition::initialState, listener,
        builder.replayWhenStoreUnavailable);
    this.scheduler = SnapshotScheduler.create(builder.policy, builder.executor,
        "snapshot-" + snapshots.aggregateType(), this::write, listener);
  }

  /**
   * A repository that reads and writes snapshots through {@code snapshots}, reads events of the streams named
   * by its aggregate type from {@code events}, and rebuilds state with {@code definition}.
   */
  public static <S, E> Builder<S, E> builder(TypedSnapshotStore<S> snapshots, EventSource<E> events,
      AggregateDefinition<S, E> definition) {
    return new Builder<>(snapshots, events, definition);
  }

  /** The aggregate type of the streams this repository loads: its typed view's. */
  public String aggregateType() {
    return snapshots.aggregateType();
  }

  public AggregateDefinition<S, E> definition() {
    return definition;
  }

  /** The typed view this repository reads and writes snapshots through. */
  public TypedSnapshotStore<S> snapshots() {
    return snapshots;
  }

  /** What this repository counted since it was built, read live. */
  public RehydrationCounters counters() {
    return counters;
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
    if (snapshotAfterLoad && rebuilt.storeReached()
        && scheduler.requestIfDue(contextOf(aggregate, aggregate.version()), aggregate.state())) {
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
   *
   * <p>Call it after the command's events are committed: a snapshot of events that are later rolled back would be
   * ahead of the stream (loads pass such a snapshot over, but it costs them a fallback until it is replaced).
   */
  public boolean afterCommand(LoadedAggregate<S> loaded, S newState, long newVersion) {
    Arguments.checkNotNull(loaded, "loaded");
    Arguments.checkNotNull(newState, "newState");
    if (!loaded.stream().aggregateType().equals(aggregateType())) {
      throw new IllegalArgumentException("loaded is a " + loaded.stream().aggregateType() + ", not a "
          + aggregateType());
    }
    if (newVersion < loaded.version()) {
      throw new IllegalArgumentException("newVersion must be >= the loaded version " + loaded.version() + " but was "
          + newVersion);
    }
    return scheduler.requestIfDue(contextOf(loaded, newVersion), newState);
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
    StreamId stream = streamOf(aggregateId);
    OptionalLong head = events.headVersion(stream);
    if (head.isPresent()) {
      long version = head.getAsLong();
      // A stored snapshot ahead of the events counts as one at the head: nothing to add.
      long known = Math.min(latestStoredVersion(stream), version);
      if (!policy.shouldSnapshot(new SnapshotContext(stream, version, known, version - known, Duration.ZERO))) {
        return false;
      }
    }
    return scheduler.exclusively(stream, () -> {
      LoadedAggregate<S> aggregate = rebuild(aggregateId, Long.MAX_VALUE).aggregate();
      if (aggregate.version() == 0 || aggregate.snapshotVersion().orElse(NONE) >= aggregate.version()) {
        return false;
      }
      if (head.isEmpty() && !policy.shouldSnapshot(contextOf(aggregate, aggregate.version()))) {
        return false;
      }
      scheduler.save(stream, aggregate.version(), aggregate.state());
      return true;
    });
  }

  private long latestStoredVersion(StreamId stream) {
    try {
      return snapshots.store().loadLatest(stream.aggregateType(), stream.aggregateId()).map(Snapshot::version)
          .orElse(0L);
    } catch (CorruptSnapshotException e) {
      return 0;
    }
  }

  /** Waits until no snapshot is in flight; false if {@code timeout} passed first. */
  public boolean awaitSnapshots(Duration timeout) throws InterruptedException {
    Arguments.checkNotNull(timeout, "timeout");
    return scheduler.awaitIdle(timeout);
  }

  /**
   * Stops scheduling snapshots and waits (up to 30 seconds) for those in flight. Shuts down the executor only
   * if the repository created it; the store and event source stay open.
   */
  @Override
  public void close() {
    try {
      if (!scheduler.close(CLOSE_TIMEOUT)) {
        LOG.warn("snapshots of {} still running after {}", aggregateType(), CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private StreamId streamOf(String aggregateId) {
    return new StreamId(aggregateType(), aggregateId);
  }

  private Rebuilt<S> rebuild(String aggregateId, long bound) {
    StreamId stream = streamOf(aggregateId);
    long start = System.nanoTime();
    Baseline<S> baseline = walker.newest(stream, bound);
    LoadedAggregate<S> aggregate = replayOnto(stream, baseline, bound, start);
    while (aggregate == null) {
      baseline = walker.passOverAheadOfEvents(stream, baseline.snapshotVersion());
      aggregate = replayOnto(stream, baseline, bound, start);
    }
    listener.loaded(aggregate);
    return new Rebuilt<>(aggregate, baseline.storeReached());
  }

  /**
   * Applies the events after the baseline, up to {@code bound}; null when the baseline is a snapshot whose own
   * version has no event, that is, a snapshot ahead of the event stream. Reading from the snapshot's own version
   * checks that in the same read.
   */
  private @Nullable LoadedAggregate<S> replayOnto(StreamId stream, Baseline<S> baseline, long bound, long start) {
    S state = baseline.state();
    long version = baseline.version();
    boolean checkSnapshotEvent = version > 0;
    long replayed = 0;
    try (Stream<RecordedEvent<E>> tail = events.read(stream, checkSnapshotEvent ? version : version + 1, bound)) {
      Iterator<RecordedEvent<E>> iterator = tail.iterator();
      if (checkSnapshotEvent) {
        if (!iterator.hasNext()) {
          return null;
        }
        long first = iterator.next().version();
        if (first != version) {
          throw new IllegalStateException("event source returned version " + first + " of stream " + stream
              + " when asked for the events from version " + version);
        }
      }
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
    return new LoadedAggregate<>(stream, state, version, replayed, baseline.snapshotVersion(), took,
        baseline.version());
  }

  private SnapshotContext contextOf(LoadedAggregate<S> aggregate, long version) {
    return new SnapshotContext(aggregate.stream(), version, Math.min(aggregate.knownSnapshotVersion(), version),
        aggregate.eventsReplayed(), aggregate.loadDuration());
  }

  private int write(StreamId stream, long version, S state) {
    Snapshot snapshot = snapshots.encode(stream.aggregateId(), version, state, Map.of());
    snapshots.store().save(snapshot);
    return snapshot.payloadSize();
  }

  @Override
  public String toString() {
    return "AggregateRepository[" + snapshots + "]";
  }

  /** Options of an {@link AggregateRepository}; every one has a working default. */
  public static final class Builder<S, E> {
    private final TypedSnapshotStore<S> snapshots;
    private final EventSource<E> events;
    private final AggregateDefinition<S, E> definition;
    private SnapshotPolicy policy = SnapshotPolicy.everyEvents(100);
    private @Nullable Executor executor;
    private boolean replayWhenStoreUnavailable;
    private boolean snapshotAfterLoad = true;
    private final List<RehydrationListener> listeners = new ArrayList<>();

    private Builder(TypedSnapshotStore<S> snapshots, EventSource<E> events, AggregateDefinition<S, E> definition) {
      Arguments.checkNotNull(snapshots, "snapshots");
      Arguments.checkNotNull(events, "events");
      Arguments.checkNotNull(definition, "definition");
      this.snapshots = snapshots;
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

    /** Adds a listener; listeners are called in the order added, after the repository's own counters and log. */
    public Builder<S, E> listener(RehydrationListener listener) {
      Arguments.checkNotNull(listener, "listener");
      listeners.add(listener);
      return this;
    }

    public AggregateRepository<S, E> build() {
      return new AggregateRepository<>(this);
    }
  }
}

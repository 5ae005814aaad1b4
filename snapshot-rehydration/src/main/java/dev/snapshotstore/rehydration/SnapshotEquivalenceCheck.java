package dev.snapshotstore.rehydration;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.CorruptSnapshotException;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshot;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.Arguments;
import dev.snapshotstore.rehydration.internal.FieldByFieldComparison;

/**
 * The critical test of snapshotting, for your own aggregate: loading through a snapshot must give exactly the
 * state of a full replay. Run it in CI, and again after every change to the state's fields or the serializer.
 *
 * <p>For each generated event stream and each cut point (every version, or a random sample of them for long
 * streams) the check takes the state the events produce at that version, writes it through the typed view your
 * application uses (its serializer, codec and revision), and asserts two things: the state read back equals
 * the state at the cut, and an {@link AggregateRepository} loading through that snapshot (and only the events after it) ends in a state
 * equal to the full replay. A field the serializer silently drops or changes fails the first assertion, naming
 * the stream, the version and both states.
 *
 * <pre>{@code
 * TypedSnapshotStore<OrderState> orders = TypedSnapshotStore.builder(InMemorySnapshotStore.create(), "Order",
 *         OrderState.class)
 *     .serializer(JacksonSnapshotSerializer.create())
 *     .codec(ZstdCodec.create())
 *     .build();
 * SnapshotEquivalenceCheck.forAggregate(orders, OrderState.DEFINITION, random -> OrderEvents.randomOrder(random))
 *     .streams(50)
 *     .run();
 * }</pre>
 *
 * <p>The check writes and deletes streams named {@code equivalence-N} of the view's aggregate type in the view's
 * store (an in-memory store is enough; a real one tests its round trip too) and never closes the store.
 *
 * <p>Events go through a fresh {@link InMemoryEventLog} by default. Give your own {@link EventLog} ({@link
 * Builder#eventLog}), such as an events table through {@code snapshot-rehydration-jdbc}, and the loads read their
 * tails from it, so its decoding and ordering are checked too: there the streams are named {@code
 * equivalence-RUN-N}, with {@code RUN} new for every run, because an event log cannot delete, and their events stay
 * in it.
 *
 * <p>States are compared with {@code equals} by default (records have it); for classes without a meaningful
 * {@code equals} use {@link Builder#recursiveComparison()} or {@link Builder#equality(BiPredicate)}.
 */
public final class SnapshotEquivalenceCheck<S, E> {

  /**
   * What a passing check covered.
   *
   * @param streams streams generated and checked
   * @param cutPoints snapshots taken, read back and loaded through, over all streams
   * @param events events in all streams
   */
  public record Result(int streams, long cutPoints, long events) {}

  private interface StateComparison<S> {
    void assertEquivalent(S actual, S expected, String description);
  }

  private final TypedSnapshotStore<S> snapshots;
  private final AggregateDefinition<S, E> definition;
  private final EventStreamGenerator<E> generator;
  private final @Nullable EventLog<E> eventLog;
  private final int streams;
  private final int maxCutPoints;
  private final long seed;
  private final StateComparison<S> comparison;

  private SnapshotEquivalenceCheck(Builder<S, E> builder) {
    this.snapshots = builder.snapshots;
    this.definition = builder.definition;
    this.generator = builder.generator;
    this.eventLog = builder.eventLog;
    this.streams = builder.streams;
    this.maxCutPoints = builder.maxCutPoints;
    this.seed = builder.seed;
    this.comparison = builder.comparison;
  }

  /** A check of {@code definition}'s state written through {@code snapshots}, over streams from {@code generator}. */
  public static <S, E> Builder<S, E> forAggregate(TypedSnapshotStore<S> snapshots, AggregateDefinition<S, E> definition,
      EventStreamGenerator<E> generator) {
    return new Builder<>(snapshots, definition, generator);
  }

  /**
   * Runs the check.
   *
   * @throws AssertionError naming the stream, seed, version and both states at the first difference; a plain
   *     {@code AssertionError}, which every test framework reports as a failed assertion
   */
  public Result run() {
    EventLog<E> given = eventLog;
    EventLog<E> log = given == null ? InMemoryEventLog.create() : given;
    // A given log may hold the streams of an earlier run, which it cannot delete: this run's ids must be new there.
    String prefix = given == null ? "equivalence-"
        : "equivalence-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    long cutPoints = 0;
    long events = 0;
    int nonEmpty = 0;
    try (AggregateRepository<S, E> repository = AggregateRepository.builder(snapshots, log, definition)
        .policy(SnapshotPolicy.never())
        .snapshotAfterLoad(false)
        .executor(Runnable::run)
        .build()) {
      for (int index = 0; index < streams; index++) {
        long streamSeed = seed + index;
        List<E> stream = List.copyOf(generator.generate(new Random(streamSeed)));
        if (stream.isEmpty()) {
          continue;
        }
        nonEmpty++;
        events += stream.size();
        String where = "stream #" + index + " (seed " + streamSeed + ", " + stream.size() + " events)";
        cutPoints += checkStream(repository, snapshots.store(), log, prefix + index, stream, where);
      }
    }
    if (nonEmpty == 0) {
      throw new AssertionError("the generator produced no events in " + streams + " streams: nothing was checked");
    }
    return new Result(nonEmpty, cutPoints, events);
  }

  private int checkStream(AggregateRepository<S, E> repository, SnapshotStore store, EventLog<E> log,
      String aggregateId, List<E> stream, String where) {
    StreamId streamId = StreamId.of(snapshots.aggregateType(), aggregateId);
    log.append(streamId, 0, stream);
    TreeSet<Integer> cuts = cutPoints(stream.size(), new Random(seed ^ stream.size()));
    // Encoded the moment the replay reaches each cut, so a state that apply mutates in place is captured right.
    Map<Integer, Snapshot> encoded = new TreeMap<>();
    S state = definition.initialState();
    for (int version = 1; version <= stream.size(); version++) {
      state = definition.apply(state, stream.get(version - 1));
      if (cuts.contains(version)) {
        encoded.put(version, repository.snapshots().encode(aggregateId, version, state, Map.of()));
      }
    }
    S fullReplay = replay(stream, stream.size());
    for (Map.Entry<Integer, Snapshot> cut : encoded.entrySet()) {
      int version = cut.getKey();
      Snapshot snapshot = cut.getValue();
      comparison.assertEquivalent(readBack(repository, snapshot, where), replay(stream, version),
          "state read back from the snapshot at version " + version + " of " + where + " differs from the state"
              + " its events produce: the serializer or codec drops or changes part of the state");
      store.deleteStream(snapshots.aggregateType(), aggregateId);
      store.save(snapshot);
      LoadedAggregate<S> loaded = repository.load(aggregateId);
      if (loaded.snapshotVersion().orElse(-1) != version || loaded.eventsReplayed() != stream.size() - version) {
        throw new AssertionError("loading " + where + " did not start from the snapshot at version " + version
            + " (" + loaded + "): the snapshot could not be used");
      }
      comparison.assertEquivalent(loaded.state(), fullReplay, "state loaded through the snapshot at version "
          + version + " of " + where + " differs from a full replay");
    }
    store.deleteStream(snapshots.aggregateType(), aggregateId);
    return encoded.size();
  }

  private S readBack(AggregateRepository<S, E> repository, Snapshot snapshot, String where) {
    Optional<TypedSnapshot<S>> decoded;
    try {
      decoded = repository.snapshots().decode(snapshot);
    } catch (CorruptSnapshotException e) {
      throw new AssertionError("the snapshot at version " + snapshot.version() + " of " + where
          + " cannot be read back: " + e.getMessage(), e);
    }
    return decoded.map(TypedSnapshot::state).orElseThrow(() -> new AssertionError("the snapshot at version "
        + snapshot.version() + " of "
        + where + " was written under another schema revision than it is read with"));
  }

  private S replay(List<E> stream, int upTo) {
    S state = definition.initialState();
    for (int i = 0; i < upTo; i++) {
      state = definition.apply(state, stream.get(i));
    }
    return state;
  }

  /** Every version when there are few; else the first, the last and a random sample between. */
  private TreeSet<Integer> cutPoints(int length, Random random) {
    TreeSet<Integer> cuts = new TreeSet<>();
    if (length <= maxCutPoints) {
      for (int version = 1; version <= length; version++) {
        cuts.add(version);
      }
      return cuts;
    }
    cuts.add(1);
    cuts.add(length);
    while (cuts.size() < maxCutPoints) {
      cuts.add(1 + random.nextInt(length));
    }
    return cuts;
  }

  private static AssertionError mismatch(String description, @Nullable Object expected, @Nullable Object actual,
      String detail) {
    return new AssertionError(description + "\nexpected: " + expected + "\nbut was:  " + actual + detail);
  }

  /** Options of a {@link SnapshotEquivalenceCheck}; every one has a working default. */
  public static final class Builder<S, E> {
    private final TypedSnapshotStore<S> snapshots;
    private final AggregateDefinition<S, E> definition;
    private final EventStreamGenerator<E> generator;
    private @Nullable EventLog<E> eventLog;
    private int streams = 20;
    private int maxCutPoints = 64;
    private long seed = 20_240_601L;
    private StateComparison<S> comparison = (actual, expected, description) -> {
      if (!Objects.equals(actual, expected)) {
        throw mismatch(description, expected, actual, "");
      }
    };

    private Builder(TypedSnapshotStore<S> snapshots, AggregateDefinition<S, E> definition,
        EventStreamGenerator<E> generator) {
      Arguments.checkNotNull(snapshots, "snapshots");
      Arguments.checkNotNull(definition, "definition");
      Arguments.checkNotNull(generator, "generator");
      this.snapshots = snapshots;
      this.definition = definition;
      this.generator = generator;
    }

    /**
     * Where the generated events are appended and loads read them from; default a fresh {@link InMemoryEventLog}.
     * Give the event source your application loads from (an events table) to check its round trip too; the
     * streams it receives are new ones ({@code equivalence-RUN-N}) and stay in it.
     */
    public Builder<S, E> eventLog(EventLog<E> eventLog) {
      Arguments.checkNotNull(eventLog, "eventLog");
      this.eventLog = eventLog;
      return this;
    }

    /** How many streams to generate; default 20. */
    public Builder<S, E> streams(int streams) {
      Arguments.checkPositive(streams, "streams");
      this.streams = streams;
      return this;
    }

    /** Cut points per stream: every version of shorter streams, a random sample of this many for longer ones; default 64. */
    public Builder<S, E> maxCutPoints(int maxCutPoints) {
      if (maxCutPoints < 2) {
        throw new IllegalArgumentException("maxCutPoints must be >= 2 but was " + maxCutPoints);
      }
      this.maxCutPoints = maxCutPoints;
      return this;
    }

    /** The seed of stream {@code #0}; stream {@code #i} uses {@code seed + i}. Failures print it. */
    public Builder<S, E> seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Compares states field by field, recursively and whatever {@code equals} they declare, for state classes
     * without a meaningful {@code equals}; a failure names the path of the first field that differs.
     */
    public Builder<S, E> recursiveComparison() {
      this.comparison = (actual, expected, description) -> FieldByFieldComparison.firstDifference(actual, expected)
          .ifPresent(difference -> {
            throw mismatch(description, expected, actual, "\nfirst difference: " + difference);
          });
      return this;
    }

    /** Compares states with your own equivalence. */
    public Builder<S, E> equality(BiPredicate<? super S, ? super S> equivalent) {
      Arguments.checkNotNull(equivalent, "equivalent");
      this.comparison = (actual, expected, description) -> {
        if (!equivalent.test(actual, expected)) {
          throw mismatch(description, expected, actual, "");
        }
      };
      return this;
    }

    public SnapshotEquivalenceCheck<S, E> build() {
      return new SnapshotEquivalenceCheck<>(this);
    }

    /** Builds and runs the check. */
    public Result run() {
      return build().run();
    }
  }

  @Override
  public String toString() {
    return "SnapshotEquivalenceCheck[" + snapshots + ", " + (eventLog == null ? "in-memory events" : eventLog) + ", "
        + streams + " streams, up to " + maxCutPoints + " cut points each, seed " + seed + "]";
  }
}

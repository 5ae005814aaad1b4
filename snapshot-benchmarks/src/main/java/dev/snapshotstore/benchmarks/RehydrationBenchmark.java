package dev.snapshotstore.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.benchmarks.OrderAggregate.Event;
import dev.snapshotstore.benchmarks.OrderAggregate.Order;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.InMemoryEventLog;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

/**
 * Loading an {@link OrderAggregate} through snapshot-rehydration's repository on the in-memory store: a full
 * replay of the stream against the latest snapshot plus the events after it. Snapshots are taken every 100
 * events and the latest was taken {@value #TAIL} events ago, the average tail of that policy; the snapshot is
 * Jackson JSON ({@code snapshot-jackson}) through the repository's typed view. Scores are loads per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RehydrationBenchmark {

  public static final int TAIL = 50;
  static final String ID = "order-1";

  @Param({"10000", "100000"})
  public int events;

  private SnapshotStore emptyStore;
  private SnapshotStore snapshotStore;
  private AggregateRepository<Order, Event> replaying;
  private AggregateRepository<Order, Event> snapshotted;

  @Setup(Level.Trial)
  public void setUp() {
    InMemoryEventLog<Event> log = InMemoryEventLog.create();
    log.append(StreamId.of(OrderAggregate.TYPE, ID), 0, OrderAggregate.history(11, events));
    emptyStore = InMemorySnapshotStore.create();
    snapshotStore = InMemorySnapshotStore.create();
    replaying = repository(emptyStore, log);
    snapshotted = repository(snapshotStore, log);
    long snapshotVersion = events - TAIL;
    snapshotted.snapshots().save(ID, snapshotVersion, snapshotted.loadAsOf(ID, snapshotVersion).state());

    LoadedAggregate<Order> full = replaying.load(ID);
    LoadedAggregate<Order> fromSnapshot = snapshotted.load(ID);
    if (full.fromSnapshot() || full.eventsReplayed() != events || !fromSnapshot.fromSnapshot()
        || fromSnapshot.eventsReplayed() != TAIL || !full.state().equals(fromSnapshot.state())) {
      throw new IllegalStateException("the two paths do not load the same order as intended: " + full + " / "
          + fromSnapshot);
    }
  }

  private static AggregateRepository<Order, Event> repository(SnapshotStore store, InMemoryEventLog<Event> log) {
    TypedSnapshotStore<Order> snapshots = TypedSnapshotStore.builder(store, OrderAggregate.TYPE, Order.class)
        .serializer(JacksonSnapshotSerializer.create())
        .revision(OrderAggregate.REVISION)
        .build();
    return AggregateRepository.builder(snapshots, log, OrderAggregate.DEFINITION)
        .policy(SnapshotPolicy.never())
        .snapshotAfterLoad(false)
        .executor(Runnable::run)
        .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    replaying.close();
    snapshotted.close();
    emptyStore.close();
    snapshotStore.close();
  }

  @Benchmark
  public Order fullReplay() {
    return replaying.load(ID).state();
  }

  @Benchmark
  public Order snapshotPlusTail() {
    return snapshotted.load(ID).state();
  }
}

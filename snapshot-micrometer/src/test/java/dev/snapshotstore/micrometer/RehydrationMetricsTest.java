package dev.snapshotstore.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotHeader;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.api.spi.SnapshotSerializer;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.BackgroundSnapshotter;
import dev.snapshotstore.rehydration.InMemoryEventLog;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;

class RehydrationMetricsTest {

  private static final String TYPE = "Counter";
  private static final String ID = "counter-5d1e8a";
  private static final String OTHER_ID = "counter-c93b20";

  /** The state is the sum of the events; stored as decimal text. */
  private static final SnapshotSerializer DECIMAL = new SnapshotSerializer() {
    @Override
    public String id() {
      return "decimal-text";
    }

    @Override
    public byte[] serialize(Object state, Type type) {
      return state.toString().getBytes(UTF_8);
    }

    @Override
    public Object deserialize(ByteBuffer bytes, Type type) {
      return Long.valueOf(UTF_8.decode(bytes).toString());
    }
  };

  private static final AggregateDefinition<Long, Long> SUM = AggregateDefinition.of(() -> 0L, Long::sum);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InMemorySnapshotStore memory = InMemorySnapshotStore.builder().retention(Retention.unlimited()).build();
  private final ScriptedStore scripted = new ScriptedStore(memory);
  private final InMemoryEventLog<Long> log = InMemoryEventLog.create();
  private final Queue<Runnable> snapshotTasks = new ArrayDeque<>();
  private final Executor queued = snapshotTasks::add;
  private AggregateRepository<Long, Long> repository;

  @AfterEach
  void close() {
    if (repository != null) {
      snapshotTasks.forEach(Runnable::run);
      repository.close();
    }
  }

  private AggregateRepository<Long, Long> repository() {
    TypedSnapshotStore<Long> typed = TypedSnapshotStore.builder(
            ObservedSnapshotStore.builder(scripted).meterRegistry(meters).build(), TYPE, Long.class)
        .serializer(DECIMAL)
        .build();
    return AggregateRepository.builder(typed, log, SUM)
        .policy(SnapshotPolicy.eventsSinceSnapshot(200))
        .snapshotAfterLoad(false)
        .replayWhenStoreUnavailable(true)
        .executor(queued)
        .listener(RehydrationMetrics.create(meters))
        .build();
  }

  private void append(String id, int count) {
    log.append(StreamId.of(TYPE, id), Collections.nCopies(count, 1L));
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  @Test
  @DisplayName("a scripted life of one aggregate moves each rehydration meter by exactly its count")
  void scriptedSequence() {
    append(ID, 250);
    repository = repository();

    LoadedAggregate<Long> first = repository.load(ID);                 // full replay of 250
    assertThat(first.fromSnapshot()).isFalse();
    assertThat(repository.afterCommand(first, first.state(), 250)).isTrue();   // scheduled, queued
    assertThat(repository.afterCommand(first, first.state(), 250)).isFalse();  // skipped: one in flight
    snapshotTasks.remove().run();                                       // saved at 250

    assertThat(repository.load(ID).eventsReplayed()).isZero();          // snapshot, 0 events
    append(ID, 30);
    assertThat(repository.load(ID).eventsReplayed()).isEqualTo(30);     // snapshot + 30

    memory.save(Snapshot.builder(TYPE, ID, 280, "not a number".getBytes(UTF_8))
        .header(new SnapshotHeader(DECIMAL.id(), "identity", 0))
        .build());
    LoadedAggregate<Long> afterFallback = repository.load(ID);          // corrupt @280, then 250 + 30
    assertThat(afterFallback.snapshotVersion()).hasValue(250);

    scripted.failNext(new BackendUnavailableException("in-memory", "loadLatest timed out", new IllegalStateException()));
    LoadedAggregate<Long> withoutStore = repository.load(ID);           // store down: full replay of 280
    assertThat(withoutStore.eventsReplayed()).isEqualTo(280);
    repository.load(ID);                                                // store back: corrupt @280, 250 + 30

    scripted.failNext(new BackendUnavailableException("in-memory", "save timed out", new IllegalStateException()));
    assertThat(repository.afterCommand(first, 280L, 480)).isTrue();
    snapshotTasks.remove().run();                                       // save fails

    assertThat(meters.get("snapshot.rehydration.load").tags("aggregate.type", TYPE, "source", "replay").timer()
        .count()).isEqualTo(2);
    assertThat(meters.get("snapshot.rehydration.load").tags("aggregate.type", TYPE, "source", "snapshot").timer()
        .count()).isEqualTo(4);
    var replayed = meters.get("snapshot.rehydration.replayed.events").tags("source", "replay").summary();
    assertThat(replayed.count()).isEqualTo(2);
    assertThat(replayed.totalAmount()).isEqualTo(250 + 280);
    assertThat(replayed.max()).isEqualTo(280);
    var tails = meters.get("snapshot.rehydration.replayed.events").tags("source", "snapshot").summary();
    assertThat(tails.count()).isEqualTo(4);
    assertThat(tails.totalAmount()).isEqualTo(0 + 30 + 30 + 30);
    assertThat(tails.getId().getBaseUnit()).isEqualTo("events");

    assertThat(count("snapshot.rehydration.fallbacks", "aggregate.type", TYPE, "reason", "corrupt")).isEqualTo(2);
    assertThat(count("snapshot.rehydration.store.availability", "state", "unavailable")).isEqualTo(1);
    assertThat(count("snapshot.rehydration.store.availability", "state", "available_again")).isEqualTo(1);
    assertThat(count("snapshot.rehydration.snapshots", "result", "scheduled")).isEqualTo(2);
    assertThat(count("snapshot.rehydration.snapshots", "result", "skipped_in_flight")).isEqualTo(1);
    assertThat(count("snapshot.rehydration.snapshots", "result", "saved")).isEqualTo(1);
    assertThat(count("snapshot.rehydration.snapshots", "result", "failed")).isEqualTo(1);
    assertThat(meters.get("snapshot.rehydration.snapshot.save").timer().count()).isEqualTo(1);

    // The repository's own counters saw the same events: both are listeners of one repository.
    assertThat(repository.counters().fallbacks()).isEqualTo(2);
    assertThat(repository.counters().snapshotsSaved()).isEqualTo(1);

    // The store underneath is observed too, and nothing anywhere names the aggregate.
    assertThat(meters.get("snapshot.store.operation").tags("operation", "loadLatest", "outcome", "backend_unavailable")
        .timer().count()).isEqualTo(1);
    assertThat(ObservedSnapshotStoreTest.everythingIn(meters)).doesNotContain(ID);
  }

  @Test
  @DisplayName("a background snapshotter's progress is read by the counters when scraped")
  void backgroundSnapshotter() {
    append(ID, 150);
    append(OTHER_ID, 20);
    repository = repository();
    try (BackgroundSnapshotter snapshotter = BackgroundSnapshotter.builder(repository, log).threshold(100).build()) {
      new BackgroundSnapshotterMetrics(snapshotter, TYPE).bindTo(meters);
      assertThat(meters.get("snapshot.rehydration.background.scans").functionCounter().count()).isZero();

      BackgroundSnapshotter.Progress progress = snapshotter.runOnce();
      assertThat(progress.snapshotsTaken()).isEqualTo(1);

      assertThat(meters.get("snapshot.rehydration.background.scans").tags("aggregate.type", TYPE).functionCounter()
          .count()).isEqualTo(1);
      assertThat(meters.get("snapshot.rehydration.background.streams.scanned").functionCounter().count())
          .isEqualTo(2);
      assertThat(meters.get("snapshot.rehydration.background.snapshots").functionCounter().count()).isEqualTo(1);
      assertThat(meters.get("snapshot.rehydration.background.failures").functionCounter().count()).isZero();
    }
    assertThat(memory.loadLatest(TYPE, ID)).map(Snapshot::version).hasValue(150L);
    assertThat(ObservedSnapshotStoreTest.everythingIn(meters)).doesNotContain(ID).doesNotContain(OTHER_ID);
  }

  @Test
  @DisplayName("the type tag of rehydration meters follows the policy it is given")
  void typeTags() {
    append(ID, 5);
    TypedSnapshotStore<Long> typed = TypedSnapshotStore.builder(memory, TYPE, Long.class).serializer(DECIMAL).build();
    repository = AggregateRepository.builder(typed, log, SUM)
        .policy(SnapshotPolicy.never())
        .executor(queued)
        .listener(RehydrationMetrics.builder(meters)
            .aggregateTypeTags(AggregateTypeTags.only(List.of("Order")))
            .percentileHistograms(false)
            .build())
        .build();
    repository.load(ID);
    assertThat(meters.get("snapshot.rehydration.load").tags("aggregate.type", AggregateTypeTags.OTHER).timer().count())
        .isEqualTo(1);
    assertThat(meters.find("snapshot.rehydration.load").tag("aggregate.type", TYPE).timers()).isEmpty();
  }
}

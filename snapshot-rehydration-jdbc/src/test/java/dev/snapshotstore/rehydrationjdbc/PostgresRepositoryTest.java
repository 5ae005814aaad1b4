package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.BackgroundSnapshotter;
import dev.snapshotstore.rehydration.FallbackReason;
import dev.snapshotstore.rehydration.LoadedAggregate;
import dev.snapshotstore.rehydration.SnapshotEquivalenceCheck;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.tck.KitRandom;

/**
 * The whole path on one PostgreSQL database, as the demo and the benchmark run it: events in the events table,
 * snapshots in the PostgreSQL store, one pool. Loading through a snapshot equals a full replay at every cut point
 * ({@link SnapshotEquivalenceCheck} through the event source), a load reads only the tail, a snapshot ahead of the
 * events is passed over, and the background snapshotter finds due streams through the table's catalog.
 */
class PostgresRepositoryTest {

  /** A running tally of a stream's events: small, but every event changes it. */
  record Tally(long events, long sum, String last) {
    static final AggregateDefinition<Tally, KitEvent> DEFINITION = AggregateDefinition.of(() -> new Tally(0, 0, ""),
        Tally::apply);

    Tally apply(KitEvent event) {
      long change = event.kind().equals(KitEvent.CORRECTED) ? -event.n() : event.n();
      return new Tally(events + 1, sum + change, event.text());
    }
  }

  private static HikariDataSource pool;
  private static SnapshotStore store;
  private static JdbcEventSource<KitEvent> events;

  @BeforeAll
  static void open() {
    pool = TestDatabase.pool(true, "repository");
    String schema = TestDatabase.newSchema(pool, "repository");
    store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema)
        .retention(Retention.unlimited()).build());
    events = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .encoder(KitEvent.encoder())
        .fetchSize(50)
        .build();
    events.createTable();
  }

  @AfterAll
  static void close() {
    store.close();
    pool.close();
  }

  private static TypedSnapshotStore<Tally> view(String type) {
    return TypedSnapshotStore.builder(store, type, Tally.class).serializer(JacksonSnapshotSerializer.create()).build();
  }

  private static List<KitEvent> randomEvents(Random random, int count) {
    List<KitEvent> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new KitEvent(random.nextInt(4) == 0 ? KitEvent.CORRECTED : KitEvent.NOTED,
          "note " + random.nextInt() + " ünïcödé \"q\" 😀", random.nextInt(1_000)));
    }
    return list;
  }

  @Test
  void loadingThroughASnapshotEqualsAFullReplayAtEveryCutPoint() {
    SnapshotEquivalenceCheck.Result result = SnapshotEquivalenceCheck
        .forAggregate(view("Equivalence"), Tally.DEFINITION, random -> randomEvents(random, 1 + random.nextInt(150)))
        .eventLog(events)
        .streams(12)
        .maxCutPoints(20)
        .seed(KitRandom.seedFor("PostgresRepositoryTest.equivalence"))
        .run();

    assertThat(result.streams()).isEqualTo(12);
    assertThat(result.cutPoints()).isGreaterThan(12);
  }

  @Test
  void aLoadReadsTheSnapshotAndOnlyTheTail() {
    StreamId stream = StreamId.of("Tail", "t-1");
    List<KitEvent> appended = randomEvents(KitRandom.random("PostgresRepositoryTest.tail"), 730);
    events.append(stream, 0, appended);
    try (AggregateRepository<Tally, KitEvent> repository = AggregateRepository.builder(view("Tail"), events,
        Tally.DEFINITION).policy(SnapshotPolicy.everyEvents(200)).executor(Runnable::run).build()) {
      LoadedAggregate<Tally> first = repository.load("t-1");
      assertThat(first.fromSnapshot()).isFalse();
      assertThat(first.eventsReplayed()).isEqualTo(730);

      events.append(stream, 730, appended.subList(0, 25));
      LoadedAggregate<Tally> second = repository.load("t-1");

      assertThat(second.snapshotVersion()).hasValue(730);
      assertThat(second.eventsReplayed()).isEqualTo(25);
      Tally expected = Tally.DEFINITION.initialState();
      for (KitEvent event : appended) {
        expected = expected.apply(event);
      }
      for (KitEvent event : appended.subList(0, 25)) {
        expected = expected.apply(event);
      }
      assertThat(second.state()).isEqualTo(expected);
      assertThat(repository.counters().eventsReplayed("Tail").percentile(100)).isEqualTo(730);
      assertThat(repository.counters().streamLengths("Tail").max()).isEqualTo(755);
    }
  }

  @Test
  void aSnapshotAheadOfTheEventsIsPassedOver() {
    StreamId stream = StreamId.of("Ahead", "a-1");
    events.append(stream, 0, randomEvents(KitRandom.random("PostgresRepositoryTest.ahead"), 40));
    TypedSnapshotStore<Tally> view = view("Ahead");
    view.save("a-1", 50, new Tally(50, 0, "from a rolled-back transaction"));
    try (AggregateRepository<Tally, KitEvent> repository = AggregateRepository.builder(view, events, Tally.DEFINITION)
        .policy(SnapshotPolicy.never()).build()) {
      LoadedAggregate<Tally> loaded = repository.load("a-1");

      assertThat(loaded.fromSnapshot()).isFalse();
      assertThat(loaded.version()).isEqualTo(40);
      assertThat(repository.counters().fallbacks(FallbackReason.AHEAD_OF_EVENTS)).isEqualTo(1);
    }
  }

  @Test
  void theBackgroundSnapshotterFindsDueStreamsThroughTheTable() {
    Random random = KitRandom.random("PostgresRepositoryTest.background");
    for (int i = 0; i < 30; i++) {
      events.append(StreamId.of("Nightly", "n-" + i), 0, randomEvents(random, i < 10 ? 250 : 20));
    }
    try (AggregateRepository<Tally, KitEvent> repository = AggregateRepository.builder(view("Nightly"), events,
        Tally.DEFINITION).policy(SnapshotPolicy.never()).snapshotAfterLoad(false).build();
        BackgroundSnapshotter nightly = BackgroundSnapshotter.builder(repository, events).threshold(200)
            .maxSnapshotsPerSecond(1_000).build()) {
      BackgroundSnapshotter.Progress pass = nightly.runOnce();

      assertThat(pass.streamsScanned()).isEqualTo(30);
      assertThat(pass.snapshotsTaken()).isEqualTo(10);
      assertThat(pass.failures()).isZero();
      assertThat(store.loadLatest("Nightly", "n-3").orElseThrow().version()).isEqualTo(250);
      assertThat(store.loadLatest("Nightly", "n-13")).isEmpty();
      assertThat(repository.load("n-3").eventsReplayed()).isZero();
    }
  }
}

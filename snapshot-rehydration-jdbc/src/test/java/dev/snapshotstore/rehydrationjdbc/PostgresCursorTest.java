package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.TypedSnapshotStore;
import dev.snapshotstore.jackson.JacksonSnapshotSerializer;
import dev.snapshotstore.rehydration.AggregateDefinition;
import dev.snapshotstore.rehydration.AggregateRepository;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.SnapshotPolicy;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.tck.Await;

/**
 * The cursor is given back on every path: when the rows run out, when the stream is closed half-way, when it was
 * never read, when an event cannot be decoded, when the consumer of the events (an aggregate's apply) throws, when the
 * server drops the connection mid-stream, and when the query fails at the start. Seen from both sides: the proxies
 * of {@link TrackingDataSource} (no connection, statement or result set left open) and the server's own view (no
 * session of this pool left inside a transaction).
 */
class PostgresCursorTest {

  private static final String APPLICATION = "cursor-test";
  private static final int EVENTS = 100;

  private static HikariDataSource pool;
  private static String schema;
  private TrackingDataSource tracking;
  private JdbcEventSource<KitEvent> source;
  private final StreamId stream = StreamId.of("Cursor", "c-1");

  @BeforeAll
  static void createTable() {
    pool = TestDatabase.pool(true, APPLICATION);
    schema = TestDatabase.newSchema(pool, "cursor");
    JdbcEventSource<KitEvent> setUp = source(pool);
    setUp.createTable();
    List<KitEvent> events = new ArrayList<>();
    for (int i = 1; i <= EVENTS; i++) {
      events.add(KitEvent.noted("event " + i, i));
    }
    setUp.append(StreamId.of("Cursor", "c-1"), 0, events);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static JdbcEventSource<KitEvent> source(javax.sql.DataSource dataSource) {
    return JdbcEventSource.builder(dataSource, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .encoder(KitEvent.encoder())
        .fetchSize(10)
        .build();
  }

  @BeforeEach
  void track() {
    tracking = new TrackingDataSource(pool);
    source = source(tracking);
  }

  @AfterEach
  void nothingLeftInsideATransaction() {
    assertThat(tracking.open()).as("JDBC resources left open").isEmpty();
    assertThat(tracking.autoCommitAtClose()).as("autocommit of each connection when given back").doesNotContain(false);
    Await.until("no session of the test pool left inside a transaction", Duration.ofSeconds(10),
        () -> sessionsInTransaction() == 0);
  }

  private static int sessionsInTransaction() {
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE application_name = ? AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()")) {
      query.setString(1, APPLICATION);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStreamReadToTheEndGivesTheConnectionBackAtItsLastEvent() {
    try (Stream<RecordedEvent<KitEvent>> events = source.read(stream, 1, Long.MAX_VALUE)) {
      Iterator<RecordedEvent<KitEvent>> iterator = events.iterator();
      int read = 0;
      while (iterator.hasNext()) {
        assertThat(tracking.open()).as("open while reading event %d", read + 1).contains("Connection", "ResultSet");
        iterator.next();
        read++;
      }
      assertThat(read).isEqualTo(EVENTS);
      assertThat(tracking.open()).as("open after the last event, before close").isEmpty();
    }
  }

  @Test
  void aStreamClosedHalfWayGivesItBackOnClose() {
    try (Stream<RecordedEvent<KitEvent>> events = source.read(stream, 1, Long.MAX_VALUE)) {
      Iterator<RecordedEvent<KitEvent>> iterator = events.iterator();
      iterator.next();
      iterator.next();
      assertThat(tracking.open()).containsExactly("Connection", "PreparedStatement", "ResultSet");
    }
    assertThat(tracking.connectionsTaken()).isEqualTo(1);
  }

  @Test
  void aStreamNeverReadTakesNoConnection() {
    try (Stream<RecordedEvent<KitEvent>> events = source.read(stream, 1, Long.MAX_VALUE)) {
      assertThat(events).isNotNull();
    }
    assertThat(tracking.connectionsTaken()).isZero();
  }

  @Test
  void anEventThatCannotBeDecodedFailsNamingItAndGivesTheConnectionBack() {
    StreamId broken = StreamId.of("Cursor", "broken");
    source.append(broken, 0, List.of(KitEvent.noted("fine", 1), KitEvent.noted("fine", 2)));
    TestDatabase.execute(pool, "INSERT INTO \"" + schema + "\".events (aggregate_type, stream_id, version, event_type,"
        + " payload) VALUES ('Cursor', 'broken', 3, 'Unknown', '{}')");

    Stream<RecordedEvent<KitEvent>> events = source.read(broken, 1, Long.MAX_VALUE);
    Iterator<RecordedEvent<KitEvent>> iterator = events.iterator();
    iterator.next();
    iterator.next();
    assertThatThrownBy(iterator::next)
        .isInstanceOf(EventStoreException.class)
        .hasMessageContaining("event 3 of stream Cursor/broken (type 'Unknown')")
        .hasMessageContaining("no decoder for event type 'Unknown' (known: Noted, Corrected)");
    assertThat(tracking.open()).as("open after the failure, before close").isEmpty();
    events.close();
  }

  @Test
  void anApplyThatThrowsGivesTheConnectionBackThroughTheRepository() {
    AggregateDefinition<Long, KitEvent> failsAtFive = AggregateDefinition.of(() -> 0L, (count, event) -> {
      if (event.n() == 5) {
        throw new IllegalStateException("apply refused event 5");
      }
      return count + 1;
    });
    TypedSnapshotStore<Long> snapshots = TypedSnapshotStore.builder(InMemorySnapshotStore.create(), "Cursor", Long.class)
        .serializer(JacksonSnapshotSerializer.create())
        .build();
    try (AggregateRepository<Long, KitEvent> repository = AggregateRepository.builder(snapshots, source, failsAtFive)
        .policy(SnapshotPolicy.never())
        .build()) {
      assertThatThrownBy(() -> repository.load("c-1")).hasMessage("apply refused event 5");
    }
  }

  @Test
  void aConnectionDroppedMidStreamFailsTheReadAndLeavesNothingOpen() {
    Stream<RecordedEvent<KitEvent>> events = source.read(stream, 1, Long.MAX_VALUE);
    Iterator<RecordedEvent<KitEvent>> iterator = events.iterator();
    iterator.next();
    // The cursor waits between fetches inside its transaction; end that session from the server's side.
    Await.until("the reading session idle in its transaction", Duration.ofSeconds(10),
        () -> sessionsInTransaction() == 1);
    TestDatabase.execute(pool, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
        + APPLICATION + "' AND state LIKE 'idle in transaction%'");

    assertThatThrownBy(() -> {
      while (iterator.hasNext()) {
        iterator.next();
      }
    }).isInstanceOf(EventStoreException.class).hasMessageContaining("reading the events of Cursor/c-1");
    assertThat(tracking.open()).isEmpty();
    events.close();
    // The pool saw the connection die (its autocommit could not be restored, and needs not be); a fresh one reads.
    tracking = new TrackingDataSource(pool);
    source = source(tracking);
    try (Stream<RecordedEvent<KitEvent>> again = source.read(stream, 1, Long.MAX_VALUE)) {
      assertThat(again.count()).isEqualTo(EVENTS);
    }
  }

  @Test
  void aQueryThatFailsAtTheStartNamesTheTableAndLeavesNothingOpen() {
    JdbcEventSource<KitEvent> missing = JdbcEventSource.builder(tracking, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).table("no_such_table").build())
        .build();

    try (Stream<RecordedEvent<KitEvent>> events = missing.read(stream, 1, Long.MAX_VALUE)) {
      assertThatThrownBy(events::toList)
          .isInstanceOf(EventStoreException.class)
          .hasMessageContaining("reading the events of Cursor/c-1 in \"" + schema + "\".\"no_such_table\"")
          .hasMessageContaining("SQLState 42P01");
    }
  }

  @Test
  void theOtherQueriesGiveTheirConnectionsBackToo() {
    assertThat(source.headVersion(stream)).hasValue(EVENTS);
    try (Stream<StreamId> streams = source.streams("Cursor")) {
      assertThat(streams.toList()).contains(stream);
    }
    assertThat(source.append(StreamId.of("Cursor", "appended"), 0, List.of(KitEvent.noted("x", 1)))).isEqualTo(1);
    assertThatThrownBy(() -> source.append(StreamId.of("Cursor", "appended"), 0, List.of(KitEvent.noted("x", 1))))
        .isInstanceOf(dev.snapshotstore.rehydration.WrongExpectedVersionException.class);
    assertThat(tracking.connectionsTaken()).isEqualTo(4);
  }
}

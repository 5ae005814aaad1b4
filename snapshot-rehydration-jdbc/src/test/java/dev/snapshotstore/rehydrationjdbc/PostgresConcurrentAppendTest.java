package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydration.WrongExpectedVersionException;
import dev.snapshotstore.tck.Await;

/**
 * The interleaving the expected-version check alone cannot catch, forced: both appends read the stream at the same
 * version, then both insert. A lock on the table (taken by the test in SHARE mode, which lets reads through and holds
 * inserts back) stops both appends between their check and their insert; the test waits until the server shows both
 * waiting, then lets them go. One commits; the other's insert meets the primary key and it reports a
 * {@link WrongExpectedVersionException} with the version the winner left, caused by the unique violation.
 */
class PostgresConcurrentAppendTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private static HikariDataSource pool;
  private static String schema;
  private static JdbcEventSource<KitEvent> source;

  @BeforeAll
  static void createTable() {
    pool = TestDatabase.pool(true, "concurrent-append");
    schema = TestDatabase.newSchema(pool, "race");
    source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .encoder(KitEvent.encoder())
        .build();
    source.createTable();
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  private static int appendsWaitingForTheTable() {
    try (Connection connection = pool.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_locks"
            + " WHERE relation = CAST(? AS regclass) AND mode = 'RowExclusiveLock' AND NOT granted")) {
      query.setString(1, "\"" + schema + "\".events");
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoAppendsPastTheCheckAtOnceOneWinsTheOtherIsToldTheNewVersion() throws Exception {
    StreamId stream = StreamId.of("Order", "raced");
    source.append(stream, 0, List.of(KitEvent.noted("placed", 1)));
    List<List<KitEvent>> batches = List.of(
        List.of(KitEvent.noted("first writer", 1), KitEvent.noted("first writer", 2)),
        List.of(KitEvent.noted("second writer", 1), KitEvent.noted("second writer", 2),
            KitEvent.noted("second writer", 3)));
    ExecutorService writers = Executors.newFixedThreadPool(2);
    List<Future<Object>> outcomes = new ArrayList<>();
    try (Connection locker = pool.getConnection()) {
      locker.setAutoCommit(false);
      try (Statement lock = locker.createStatement()) {
        lock.execute("LOCK TABLE \"" + schema + "\".events IN SHARE MODE");
      }
      for (List<KitEvent> batch : batches) {
        outcomes.add(writers.submit(() -> {
          try {
            return source.append(stream, 1, batch);
          } catch (WrongExpectedVersionException lost) {
            return lost;
          }
        }));
      }
      Await.until("both appends past their version check, waiting for the table lock to insert", DEADLINE,
          () -> appendsWaitingForTheTable() == 2);
      locker.commit();
    }

    Object first = Await.result("the first append", DEADLINE, outcomes.get(0));
    Object second = Await.result("the second append", DEADLINE, outcomes.get(1));
    writers.shutdown();

    List<Object> both = List.of(first, second);
    assertThat(both).filteredOn(WrongExpectedVersionException.class::isInstance).singleElement()
        .satisfies(outcome -> {
          WrongExpectedVersionException lost = (WrongExpectedVersionException) outcome;
          assertThat(lost.expectedVersion()).isEqualTo(1);
          assertThat(lost.getCause()).as("what told the loser").isInstanceOf(SQLException.class);
          assertThat(((SQLException) lost.getCause()).getSQLState()).isEqualTo("23505");
        });
    int winner = first instanceof Long ? 0 : 1;
    long winnersVersion = 1 + batches.get(winner).size();
    assertThat(both.get(winner)).isEqualTo(winnersVersion);
    assertThat(((WrongExpectedVersionException) both.get(1 - winner)).actualVersion()).isEqualTo(winnersVersion);
    try (Stream<RecordedEvent<KitEvent>> events = source.read(stream, 2, Long.MAX_VALUE)) {
      assertThat(events.map(RecordedEvent::event).toList()).isEqualTo(batches.get(winner));
    }
  }
}

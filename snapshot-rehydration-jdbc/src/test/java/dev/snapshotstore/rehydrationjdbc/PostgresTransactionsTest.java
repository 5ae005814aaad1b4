package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamId;

/**
 * The transactions rule of the JDBC stores, for events: an append is its own unit of work and commits itself on
 * connections that come with autocommit off; it never commits a transaction it did not start, so inside a caller's
 * transaction that has written it refuses and leaves that transaction as it was. Reads never end a transaction: in
 * the caller's transaction they see the caller's own uncommitted events, and the transaction stays open.
 */
class PostgresTransactionsTest {

  private static HikariDataSource autoCommitOff;
  private static String schema;

  @BeforeAll
  static void createTable() {
    autoCommitOff = TestDatabase.pool(false, "transactions");
    schema = TestDatabase.newSchema(autoCommitOff, "tx");
    source(autoCommitOff).createTable();
    TestDatabase.execute(autoCommitOff, "CREATE TABLE \"" + schema + "\".orders (id text PRIMARY KEY)");
  }

  @AfterAll
  static void closePool() {
    autoCommitOff.close();
  }

  private static JdbcEventSource<KitEvent> source(DataSource dataSource) {
    return JdbcEventSource.builder(dataSource, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .encoder(KitEvent.encoder())
        .build();
  }

  private static long committedEvents(String id) throws SQLException {
    try (HikariDataSource other = TestDatabase.pool(true, "transactions-observer");
        Connection connection = other.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM \"" + schema + "\".events"
            + " WHERE stream_id = ?")) {
      query.setString(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @Test
  void anAppendOnAConnectionWithAutocommitOffCommitsItsOwnWork() throws SQLException {
    StreamId stream = StreamId.of("Order", "committed");

    assertThat(source(autoCommitOff).append(stream, 0, List.of(KitEvent.noted("a", 1), KitEvent.noted("b", 2))))
        .isEqualTo(2);

    assertThat(committedEvents("committed")).as("events another connection sees").isEqualTo(2);
  }

  @Test
  void anAppendInsideACallersTransactionThatHasWrittenIsRefusedAndLeavesItAsItWas() throws SQLException {
    try (Connection callers = autoCommitOff.getConnection()) {
      try (Statement statement = callers.createStatement()) {
        statement.execute("INSERT INTO \"" + schema + "\".orders VALUES ('order-1')");
      }
      JdbcEventSource<KitEvent> bound = source(new SingleConnectionDataSource(callers));

      assertThatThrownBy(() -> bound.append(StreamId.of("Order", "refused"), 0, List.of(KitEvent.noted("a", 1))))
          .isInstanceOf(EventStoreException.class)
          .hasMessageContaining("refused: the connection the data source lent is inside a transaction that has"
              + " already written")
          .hasMessageContaining("TransactionAwareDataSourceProxy");

      try (Statement statement = callers.createStatement();
          ResultSet rows = statement.executeQuery("SELECT count(*) FROM \"" + schema + "\".orders")) {
        rows.next();
        assertThat(rows.getInt(1)).as("the caller's uncommitted row, in its still open transaction").isEqualTo(1);
      }
      callers.commit();
    }
    assertThat(committedEvents("refused")).isZero();
  }

  @Test
  void aReadInsideACallersTransactionSeesItsOwnEventsAndEndsNothing() throws SQLException {
    try (Connection callers = autoCommitOff.getConnection()) {
      try (Statement statement = callers.createStatement()) {
        statement.execute("INSERT INTO \"" + schema + "\".events (aggregate_type, stream_id, version, event_type,"
            + " payload) VALUES ('Order', 'uncommitted', 1, 'Noted', '{\"text\": \"mine\", \"n\": 1}')");
      }
      JdbcEventSource<KitEvent> bound = source(new SingleConnectionDataSource(callers));

      try (Stream<RecordedEvent<KitEvent>> events = bound.read(StreamId.of("Order", "uncommitted"), 1, Long.MAX_VALUE)) {
        assertThat(events.map(RecordedEvent::event).toList()).containsExactly(KitEvent.noted("mine", 1));
      }
      assertThat(bound.headVersion(StreamId.of("Order", "uncommitted"))).hasValue(1);

      assertThat(committedEvents("uncommitted")).as("still the caller's uncommitted row").isZero();
      callers.rollback();
    }
    assertThat(committedEvents("uncommitted")).isZero();
  }
}

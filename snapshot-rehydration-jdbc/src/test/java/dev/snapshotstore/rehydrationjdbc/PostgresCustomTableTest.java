package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamId;

/**
 * A team's own events table, with its own names and shapes: one aggregate type and no type column, bytes instead of
 * JSON, a text column, its own time column. The source reads, lists and appends through the names it is given.
 */
class PostgresCustomTableTest {

  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void createTables() {
    pool = TestDatabase.pool(true, "custom-table");
    schema = TestDatabase.newSchema(pool, "custom");
    TestDatabase.execute(pool, "CREATE TABLE \"" + schema + "\".\"PatientEvents\" (patient text NOT NULL,"
        + " seq bigint NOT NULL, kind text NOT NULL, body bytea NOT NULL, PRIMARY KEY (patient, seq))");
    TestDatabase.execute(pool, "CREATE TABLE \"" + schema + "\".audit (category text NOT NULL, subject text NOT NULL,"
        + " n bigint NOT NULL, what text NOT NULL, doc text NOT NULL, happened_at timestamptz NOT NULL,"
        + " PRIMARY KEY (category, subject, n))");
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  /** Payload bytes that are not text at all: each event's bytes reversed. */
  private static JdbcEventSource<String> bytesTable() {
    return JdbcEventSource.builder(pool, EventDecoder.<String>perType()
            .type("Admitted", payload -> "admitted " + new String(reversed(payload), StandardCharsets.ISO_8859_1))
            .build())
        .table(EventTable.builder().schema(schema).table("PatientEvents").singleAggregateType("Patient")
            .streamIdColumn("patient").versionColumn("seq").eventTypeColumn("kind")
            .payloadColumn("body", PayloadType.BYTEA).withoutTimestampColumn().build())
        .encoder(event -> new EncodedEvent("Admitted",
            reversed(event.substring("admitted ".length()).getBytes(StandardCharsets.ISO_8859_1))))
        .build();
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    for (int i = 0; i < copy.length / 2; i++) {
      byte swap = copy[i];
      copy[i] = copy[copy.length - 1 - i];
      copy[copy.length - 1 - i] = swap;
    }
    return copy;
  }

  @Test
  void aTableOfOneTypeWithBytePayloadsReadsListsAndAppendsUnderItsOwnNames() throws SQLException {
    JdbcEventSource<String> source = bytesTable();
    StreamId patient = StreamId.of("Patient", "p-1");

    assertThat(source.append(patient, 0, List.of("admitted ward 7\u00ff", "admitted ward 9"))).isEqualTo(2);
    source.append(StreamId.of("Patient", "p-2"), 0, List.of("admitted icu"));

    try (Stream<RecordedEvent<String>> events = source.read(patient, 1, Long.MAX_VALUE)) {
      assertThat(events.map(RecordedEvent::event).toList()).containsExactly("admitted ward 7\u00ff", "admitted ward 9");
    }
    assertThat(source.headVersion(patient)).hasValue(2);
    try (Stream<StreamId> streams = source.streams("Patient")) {
      assertThat(streams.toList()).containsExactly(patient, StreamId.of("Patient", "p-2"));
    }
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT body FROM \"" + schema + "\".\"PatientEvents\""
            + " WHERE patient = 'p-1' AND seq = 2")) {
      row.next();
      assertThat(row.getBytes(1)).as("the stored bytes, as the encoder gave them")
          .isEqualTo(reversed("ward 9".getBytes(StandardCharsets.ISO_8859_1)));
    }
  }

  @Test
  void aTableOfOneTypeRefusesOtherTypesBeforeAnyIo() {
    JdbcEventSource<String> source = JdbcEventSource.builder(new UntouchableDataSource(),
            EventDecoder.<String>perType().type("Admitted", String::new).build())
        .table(EventTable.builder().singleAggregateType("Patient").build())
        .build();

    assertThatThrownBy(() -> source.read(StreamId.of("Order", "o-1"), 1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stream.aggregateType must be 'Patient', the one type of \"events\" (it has no aggregate type"
            + " column), but was 'Order'");
    assertThatThrownBy(() -> source.streams("Order")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> source.headVersion(StreamId.of("Order", "o-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTextTableGetsTheAppendTimeFromTheClock() throws SQLException {
    Instant now = Instant.parse("2026-12-02T10:15:30.123456Z");
    JdbcEventSource<KitEvent> source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).table("audit").aggregateTypeColumn("category")
            .streamIdColumn("subject").versionColumn("n").eventTypeColumn("what")
            .payloadColumn("doc", PayloadType.TEXT).timestampColumn("happened_at").build())
        .encoder(KitEvent.encoder())
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
    StreamId stream = StreamId.of("Login", "user-1");

    source.append(stream, 0, List.of(KitEvent.noted("signed in", 1)));

    try (Stream<RecordedEvent<KitEvent>> events = source.read(stream, 1, 1)) {
      assertThat(events.map(RecordedEvent::event).toList()).containsExactly(KitEvent.noted("signed in", 1));
    }
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT happened_at, doc FROM \"" + schema + "\".audit")) {
      row.next();
      assertThat(row.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(now);
      assertThat(row.getString(2)).isEqualTo("{\"text\":\"signed in\",\"n\":1}");
    }
  }
}

package dev.snapshotstore.rehydrationjdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.rehydration.StreamId;

/** Bad input fails with an IllegalArgumentException naming the argument and the rule, before any I/O. */
class BadInputTest {

  private final JdbcEventSource<KitEvent> source = JdbcEventSource.builder(new UntouchableDataSource(),
      KitEvent.decoder()).encoder(KitEvent.encoder()).build();
  private final StreamId stream = StreamId.of("Order", "o-1");

  @Test
  void streamsAndVersions() {
    assertThatThrownBy(() -> source.read(null, 1, 2)).hasMessage("stream must not be null");
    assertThatThrownBy(() -> source.headVersion(null)).hasMessage("stream must not be null");
    assertThatThrownBy(() -> source.streams(" ")).hasMessage("aggregateType must not be blank");
    assertThatThrownBy(() -> source.append(stream, -1, List.of()))
        .hasMessage("expectedVersion must be >= 0 but was -1");
    assertThatThrownBy(() -> source.append(StreamId.of("Order", "x".repeat(401)), 0, List.of()))
        .hasMessage("stream.aggregateId must be at most 400 characters but was 401");
    assertThatThrownBy(() -> source.append(stream, 0, null)).hasMessage("events must not be null");
    assertThatThrownBy(() -> source.append(stream, 0, Arrays.asList(KitEvent.noted("a", 1), null)))
        .hasMessage("events[1] must not be null");
    // A range that cannot hold an event reads nothing, and asks for no connection.
    assertThat(source.read(stream, 5, 4)).isEmpty();
  }

  @Test
  void encodedEvents() {
    JdbcEventSource<String> failing = JdbcEventSource.builder(new UntouchableDataSource(),
            EventDecoder.<String>perType().type("T", String::new).build())
        .encoder(event -> switch (event) {
          case "throws" -> throw new IllegalStateException("cannot encode this one");
          case "null" -> null;
          case "not utf-8" -> new EncodedEvent("T", new byte[] {(byte) 0xC3, (byte) 0x28});
          case "nul" -> new EncodedEvent("T", "{\"a\":\"\u0000\"}".getBytes(StandardCharsets.UTF_8));
          default -> new EncodedEvent("T", event.getBytes(StandardCharsets.UTF_8));
        })
        .build();

    assertThatThrownBy(() -> failing.append(stream, 0, List.of("fine", "throws")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("events[1] could not be encoded: java.lang.IllegalStateException: cannot encode this one");
    assertThatThrownBy(() -> failing.append(stream, 0, List.of("null")))
        .hasMessage("events[0] could not be encoded: the encoder returned null");
    assertThatThrownBy(() -> failing.append(stream, 0, List.of("not utf-8")))
        .hasMessage("the payload of events[0] must be UTF-8 text for a JSONB column but is not");
    assertThatThrownBy(() -> failing.append(stream, 0, List.of("nul")))
        .hasMessageStartingWith("the payload of events[0] must not contain U+0000");
    assertThatThrownBy(() -> new EncodedEvent(" ", new byte[0])).hasMessage("eventType must not be blank");
  }

  @Test
  void appendWithoutAnEncoderSaysWhatIsMissing() {
    JdbcEventSource<KitEvent> readOnly = JdbcEventSource.builder(new UntouchableDataSource(), KitEvent.decoder())
        .build();

    assertThatThrownBy(() -> readOnly.append(stream, 0, List.of(KitEvent.noted("a", 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("append needs an encoder: JdbcEventSource.builder(...).encoder(...)");
  }

  @Test
  void tableNamesAreCheckedIdentifiers() {
    assertThatThrownBy(() -> EventTable.builder().table("events; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("table must match [A-Za-z_][A-Za-z0-9_]{0,62}");
    assertThatThrownBy(() -> EventTable.builder().schema("app\"")).hasMessageStartingWith("schema must match");
    assertThatThrownBy(() -> EventTable.builder().payloadColumn("payload", null)).hasMessage("type must not be null");
    assertThatThrownBy(() -> EventTable.builder().versionColumn("1st")).hasMessageStartingWith("versionColumn");
    assertThatThrownBy(() -> EventTable.builder().eventTypeColumn("version").build())
        .hasMessage("column 'version' is given for two roles of the events table");
    // A table of one type has no type column, so its name is free for another role.
    assertThat(EventTable.builder().singleAggregateType("Patient").streamIdColumn("aggregate_type").build()
        .ddl(SqlDialect.POSTGRESQL)).contains("PRIMARY KEY (\"aggregate_type\", \"version\")");
  }

  @Test
  void optionsAndDecoders() {
    assertThatThrownBy(() -> JdbcEventSource.builder(null, KitEvent.decoder())).hasMessage("dataSource must not be null");
    assertThatThrownBy(() -> JdbcEventSource.builder(new UntouchableDataSource(), KitEvent.decoder()).fetchSize(0))
        .hasMessage("fetchSize must be > 0 but was 0");
    assertThatThrownBy(() -> EventDecoder.perType().type("A", payload -> "a").type("A", payload -> "b"))
        .hasMessage("eventType 'A' has a decoder already");
    assertThatThrownBy(() -> EventDecoder.perType().build()).hasMessage("a per-type decoder needs at least one type");
    assertThatThrownBy(() -> JdbcEventSource.builder(new UntouchableDataSource(), KitEvent.decoder())
        .dialect(SqlDialect.SQL_SERVER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload type JSONB is PostgreSQL's; on SQL Server store JSON as TEXT");
  }
}

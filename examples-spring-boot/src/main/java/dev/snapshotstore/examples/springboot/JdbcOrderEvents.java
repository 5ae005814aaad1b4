package dev.snapshotstore.examples.springboot;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

import dev.snapshotstore.rehydration.EventSource;
import dev.snapshotstore.rehydration.RecordedEvent;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydration.WrongExpectedVersionException;

/**
 * The service's events, in a small table of its own next to the snapshots. A stand-in for the application's event
 * store: it appends with an expected-version check (the primary key refuses a second event at one version) and
 * reads one stream's tail ordered by version. (A reusable JDBC event source is a separate piece of work.)
 */
public final class JdbcOrderEvents implements EventSource<OrderEvent> {

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  public JdbcOrderEvents(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    jdbc.execute("CREATE TABLE IF NOT EXISTS order_events (order_id text NOT NULL, version bigint NOT NULL,"
        + " type text NOT NULL, payload jsonb NOT NULL, PRIMARY KEY (order_id, version))");
  }

  /** Appends {@code events} after {@code expectedVersion}, in one transaction; returns the new version. */
  public long append(String orderId, long expectedVersion, List<? extends OrderEvent> events) {
    long version = expectedVersion;
    try {
      List<Object[]> rows = new java.util.ArrayList<>();
      for (OrderEvent event : events) {
        version++;
        rows.add(new Object[] {orderId, version, event.type(), json.writeValueAsString(event)});
      }
      jdbc.batchUpdate("INSERT INTO order_events (order_id, version, type, payload) VALUES (?, ?, ?, ?::jsonb)", rows);
      return version;
    } catch (DuplicateKeyException e) {
      throw new WrongExpectedVersionException(StreamId.of("Order", orderId), expectedVersion,
          head(orderId).orElse(0));
    }
  }

  @Override
  public Stream<RecordedEvent<OrderEvent>> read(StreamId stream, long fromVersion, long toVersion) {
    return jdbc.queryForStream("SELECT version, type, payload::text FROM order_events"
            + " WHERE order_id = ? AND version BETWEEN ? AND ? ORDER BY version",
        (row, n) -> new RecordedEvent<>(row.getLong(1), decode(row.getString(2), row.getString(3))),
        stream.aggregateId(), fromVersion, toVersion);
  }

  @Override
  public OptionalLong headVersion(StreamId stream) {
    return head(stream.aggregateId());
  }

  private OptionalLong head(String orderId) {
    Long head = jdbc.queryForObject("SELECT coalesce(max(version), 0) FROM order_events WHERE order_id = ?",
        Long.class, orderId);
    return OptionalLong.of(head == null ? 0 : head);
  }

  private OrderEvent decode(String type, String payload) {
    return switch (type) {
      case "Created" -> json.readValue(payload, OrderEvent.Created.class);
      case "LineAdded" -> json.readValue(payload, OrderEvent.LineAdded.class);
      default -> throw new IllegalStateException("unknown order event type " + type);
    };
  }
}

package dev.snapshotstore.examples.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.api.spi.CommonOptions;
import dev.snapshotstore.api.spi.StoreUri;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.rehydration.EventLog;
import dev.snapshotstore.rehydration.InMemoryEventLog;
import dev.snapshotstore.rehydration.StreamId;
import dev.snapshotstore.rehydrationjdbc.EventStoreException;
import dev.snapshotstore.rehydrationjdbc.EventTable;
import dev.snapshotstore.rehydrationjdbc.JdbcEventSource;

/**
 * Where the demo keeps its events. When the snapshots go to PostgreSQL ({@code --store postgres}, or any {@code
 * jdbc:postgresql:} URI), the events go to an {@code events} table in the same database, written and read through
 * snapshot-rehydration-jdbc's {@link JdbcEventSource}: a full replay then costs what it costs when events live in a
 * database, which is what snapshots are for. Every other store keeps the events in memory.
 */
final class DemoEventLog implements AutoCloseable {

  static final String IN_MEMORY = "memory (InMemoryEventLog)";

  private static final String JDBC_POSTGRESQL = "jdbc:postgresql:";

  /** Read by the snapshot store; the driver must never get them ({@code connectTimeout=2s} is not its number). */
  private static final Set<String> STORE_OPTIONS = Set.of(CommonOptions.RETENTION, CommonOptions.MAX_PAYLOAD_BYTES,
      CommonOptions.MAX_METADATA_BYTES, CommonOptions.OPERATION_TIMEOUT, CommonOptions.CONNECT_TIMEOUT,
      CommonOptions.POOL_SIZE, CommonOptions.RETRIES, CommonOptions.RETRY_BACKOFF, PostgresSnapshotStoreOptions.SCHEMA,
      PostgresSnapshotStoreOptions.TABLE, PostgresSnapshotStoreOptions.CREATE_SCHEMA);

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final EventLog<OrderEvent> log;
  private final String source;
  private final @Nullable HikariDataSource pool;

  private DemoEventLog(EventLog<OrderEvent> log, String source, @Nullable HikariDataSource pool) {
    this.log = log;
    this.source = source;
    this.pool = pool;
  }

  /**
   * The event log for the store {@code storeUri} names, with {@code stream} empty: a run against a database the
   * previous run used starts again from version 1, as the demo's snapshots do.
   */
  static DemoEventLog forStore(String storeUri, StreamId stream) {
    if (!storeUri.startsWith(JDBC_POSTGRESQL)) {
      return new DemoEventLog(InMemoryEventLog.create(), IN_MEMORY, null);
    }
    StoreUri uri = StoreUri.parse(storeUri);
    HikariDataSource pool = new HikariDataSource(pool(storeUri));
    try {
      EventTable.Builder table = EventTable.builder();
      // beside the snapshots: the schema the store was told to use, else the connection's default, as the store's
      uri.find(PostgresSnapshotStoreOptions.SCHEMA).ifPresent(table::schema);
      JdbcEventSource<OrderEvent> events = JdbcEventSource.builder(pool, OrderEventJson.decoder())
          .table(table.build())
          .encoder(OrderEventJson.encoder())
          .build();
      events.createTable();
      deleteStream(pool, events.table(), stream);
      return new DemoEventLog(events, "PostgreSQL table " + qualifiedName(events.table()) + " (JdbcEventSource)", pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * A pool on the database a {@code jdbc:postgresql:} store URI names: the URL without its query, and every option of
   * the query for the driver (user, password, sslmode...) except the store's own. The credentials travel as
   * connection properties only, so neither the pool's URL nor a message holds them.
   */
  static HikariConfig pool(String storeUri) {
    StoreUri uri = StoreUri.parse(storeUri);
    int question = storeUri.indexOf('?');
    HikariConfig config = new HikariConfig();
    config.setPoolName("demo-events");
    config.setJdbcUrl(uri.location());
    if (question >= 0) {
      for (String pair : storeUri.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (name.isEmpty() || STORE_OPTIONS.contains(name)) {
          continue;
        }
        // decoded as the store decodes them, so both pools log in alike
        Optional<String> value = name.equals("password") ? uri.secret(name) : uri.find(name);
        value.ifPresent(given -> config.addDataSourceProperty(name, given));
      }
    }
    Duration connectTimeout = uri.getDuration(CommonOptions.CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
    config.addDataSourceProperty(CommonOptions.CONNECT_TIMEOUT, Long.toString(Math.max(1, connectTimeout.toSeconds())));
    config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
    // one connection reads or appends at a time; a second serves the catalog or a clean-up
    config.setMaximumPoolSize(2);
    return config;
  }

  private static void deleteStream(HikariDataSource pool, EventTable table, StreamId stream) {
    String typeColumn = table.aggregateTypeColumn().orElseThrow();
    // names checked as plain SQL identifiers by EventTable; the stream goes in as parameters
    String sql = "DELETE FROM " + qualifiedName(table) + " WHERE \"" + typeColumn + "\" = ? AND \""
        + table.streamIdColumn() + "\" = ?";
    try (Connection connection = pool.getConnection(); PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setString(1, stream.aggregateType());
      delete.setString(2, stream.aggregateId());
      delete.executeUpdate();
    } catch (SQLException e) {
      throw new EventStoreException("removing the previous run's events of " + stream + " from "
          + qualifiedName(table) + " failed: SQLState " + e.getSQLState() + ", " + e.getMessage(), e);
    }
  }

  static String qualifiedName(EventTable table) {
    return table.schema().map(schema -> "\"" + schema + "\".").orElse("") + "\"" + table.table() + "\"";
  }

  EventLog<OrderEvent> log() {
    return log;
  }

  /** Where the events are, for the demo's output. */
  String source() {
    return source;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}

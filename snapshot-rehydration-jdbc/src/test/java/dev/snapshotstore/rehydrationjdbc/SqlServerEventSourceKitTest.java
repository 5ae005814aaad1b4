package dev.snapshotstore.rehydrationjdbc;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.ExtendWith;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.rehydration.InMemoryEventLog;
import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * The kit on SQL Server (text payloads, binary collation, the shipped DDL's shape) in a table of its own. Without a
 * server (no {@code SNAPSHOT_TEST_SQLSERVER_URL}, no Docker) every test is reported as skipped with the reason.
 */
@ExtendWith(RequiresSqlServerHere.class)
class SqlServerEventSourceKitTest extends EventSourceKit {

  @Override
  protected Fixture createLog() {
    if (!SqlServerTestServer.reachable()) {
      // Every test is skipped; a log nobody reads keeps the class's set-up from failing.
      InMemoryEventLog<KitEvent> unused = InMemoryEventLog.create();
      return new Fixture(unused, unused, () -> {});
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(SqlServerTestServer.jdbcUrl());
    config.setMaximumPoolSize(12);
    HikariDataSource pool = new HikariDataSource(config);
    String table = ("events_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    JdbcEventSource<KitEvent> source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().table(table).payloadColumn("payload", PayloadType.TEXT).build())
        .dialect(SqlDialect.SQL_SERVER)
        .encoder(KitEvent.encoder())
        .build();
    source.createTable();
    return new Fixture(source, source, pool);
  }

  @Override
  protected int maxKeyLength() {
    return SqlDialect.SQL_SERVER.maxKeyLength();
  }
}

package dev.snapshotstore.rehydrationjdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The kit on the shipped table (jsonb payloads) in a real PostgreSQL, through a HikariCP pool in autocommit. */
class PostgresEventSourceKitTest extends EventSourceKit {

  @Override
  protected Fixture createLog() {
    HikariDataSource pool = TestDatabase.pool(true, "kit");
    String schema = TestDatabase.newSchema(pool, "kit");
    JdbcEventSource<KitEvent> source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).build())
        .encoder(KitEvent.encoder())
        .build();
    source.createTable();
    return new Fixture(source, source, pool);
  }

  @Override
  protected int maxKeyLength() {
    return SqlDialect.POSTGRESQL.maxKeyLength();
  }
}

package dev.snapshotstore.rehydrationjdbc;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The kit through a pool whose connections come with autocommit off (HikariCP {@code auto-commit=false}, as Spring
 * Boot sets it up), on a table of text payloads: reads stream inside the connection's transaction, appends commit
 * their own work.
 */
class PostgresAutocommitOffKitTest extends EventSourceKit {

  @Override
  protected Fixture createLog() {
    HikariDataSource pool = TestDatabase.pool(false, "kit-autocommit-off");
    String schema = TestDatabase.newSchema(pool, "kit_off");
    JdbcEventSource<KitEvent> source = JdbcEventSource.builder(pool, KitEvent.decoder())
        .table(EventTable.builder().schema(schema).payloadColumn("payload", PayloadType.TEXT).build())
        .encoder(KitEvent.encoder())
        .fetchSize(7)
        .build();
    source.createTable();
    return new Fixture(source, source, pool);
  }

  @Override
  protected int maxKeyLength() {
    return SqlDialect.POSTGRESQL.maxKeyLength();
  }
}

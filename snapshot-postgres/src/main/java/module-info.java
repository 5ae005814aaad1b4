/** The PostgreSQL snapshot store: plain JDBC on the PostgreSQL driver, HikariCP for the pools it opens itself. */
// The PostgreSQL driver is an automatic module (Automatic-Module-Name org.postgresql.jdbc) and has no descriptor
// to require instead; its name is stable, so the warning says nothing we can act on.
@SuppressWarnings("requires-automatic")
module dev.snapshotstore.postgres {
  requires transitive dev.snapshotstore.api;
  requires transitive java.sql;
  requires org.postgresql.jdbc;
  requires com.zaxxer.hikari;
  requires static transitive org.jspecify;

  exports dev.snapshotstore.postgres;

  provides dev.snapshotstore.api.spi.SnapshotStoreProvider
      with dev.snapshotstore.postgres.PostgresSnapshotStoreProvider;
}

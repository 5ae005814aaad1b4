/**
 * The SQL Server and Azure SQL snapshot store on Jdbi3, HikariCP and Microsoft's JDBC driver. Jdbi and mssql-jdbc
 * ship no module descriptor, only an Automatic-Module-Name, and there is no other way to require them; the
 * store exposes neither in its API, so no module that reads this one depends on their names.
 */
@SuppressWarnings("requires-automatic")
module dev.snapshotstore.sqlserver {
  requires transitive dev.snapshotstore.api;
  requires transitive java.sql;
  requires org.jdbi.v3.core;
  requires com.zaxxer.hikari;
  requires com.fasterxml.jackson.core;
  requires com.microsoft.sqlserver.jdbc;
  requires static org.jspecify;

  exports dev.snapshotstore.sqlserver;

  provides dev.snapshotstore.api.spi.SnapshotStoreProvider with dev.snapshotstore.sqlserver.SqlServerSnapshotStoreProvider;
}

package dev.snapshotstore.spring.autoconfigure.internal;

import javax.sql.DataSource;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.spring.autoconfigure.SnapshotStoreProperties;
import dev.snapshotstore.sqlserver.SqlServerSnapshotStore;
import dev.snapshotstore.sqlserver.SqlServerSnapshotStoreOptions;

/** A SQL Server store on the application's DataSource, with the {@code snapshot-store.*} options. */
final class SqlServerStores {

  private SqlServerStores() {}

  static SnapshotStore create(DataSource dataSource, SnapshotStoreProperties properties) {
    SqlServerSnapshotStoreOptions.Builder options =
        SharedOptions.applyTo(properties, SqlServerSnapshotStoreOptions.builder());
    SnapshotStoreProperties.Jdbc jdbc = properties.getJdbc();
    SharedOptions.set("snapshot-store.jdbc.schema", jdbc.getSchema(), options::schema);
    SharedOptions.set("snapshot-store.jdbc.table", jdbc.getTable(), options::table);
    SharedOptions.set("snapshot-store.jdbc.create-schema", jdbc.getCreateSchema(), options::createSchema);
    return SqlServerSnapshotStore.create(dataSource, options.build());
  }
}

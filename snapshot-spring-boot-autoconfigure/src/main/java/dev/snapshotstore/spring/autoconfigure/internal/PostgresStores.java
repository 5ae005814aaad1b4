package dev.snapshotstore.spring.autoconfigure.internal;

import javax.sql.DataSource;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStore;
import dev.snapshotstore.postgres.PostgresSnapshotStoreOptions;
import dev.snapshotstore.spring.autoconfigure.SnapshotStoreProperties;

/** A PostgreSQL store on the application's DataSource, with the {@code snapshot-store.*} options. */
final class PostgresStores {

  private PostgresStores() {}

  static SnapshotStore create(DataSource dataSource, SnapshotStoreProperties properties) {
    PostgresSnapshotStoreOptions.Builder options =
        SharedOptions.applyTo(properties, PostgresSnapshotStoreOptions.builder());
    SnapshotStoreProperties.Jdbc jdbc = properties.getJdbc();
    SharedOptions.set("snapshot-store.jdbc.schema", jdbc.getSchema(), options::schema);
    SharedOptions.set("snapshot-store.jdbc.table", jdbc.getTable(), options::table);
    SharedOptions.set("snapshot-store.jdbc.create-schema", jdbc.getCreateSchema(), options::createSchema);
    return PostgresSnapshotStore.create(dataSource, options.build());
  }
}

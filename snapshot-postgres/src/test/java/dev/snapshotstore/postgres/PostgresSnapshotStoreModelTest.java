package dev.snapshotstore.postgres;

import com.zaxxer.hikari.HikariDataSource;

import net.jqwik.api.lifecycle.AfterContainer;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/** Generated operation sequences on a real PostgreSQL behave exactly like the in-memory reference store. */
class PostgresSnapshotStoreModelTest extends SnapshotStoreModelKit {

  private static HikariDataSource pool;
  private static String schema;

  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      TestPostgres server = TestPostgres.shared();
      pool = server.pool(server.host(), server.port(), PostgresSnapshotStoreCompatibilityTest.TIMEOUT);
      schema = server.newSchema(pool, "model");
    }
    return pool;
  }

  @AfterContainer
  static void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return PostgresSnapshotStore.create(pool(), PostgresSnapshotStoreOptions.builder()
        .schema(schema)
        .retention(retention)
        .build());
  }
}

package dev.snapshotstore.postgres;

import com.zaxxer.hikari.HikariDataSource;

import net.jqwik.api.lifecycle.AfterContainer;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;

/** Generated operation sequences on a real PostgreSQL behave exactly like the in-memory reference store. */
class PostgresSnapshotStoreModelTest extends SnapshotStoreModelKit {

  private static HikariDataSource pool;
  private static String schema;

  /** jqwik has no before-container hook that runs before the first try here, so the pool starts on first use. */
  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      TestPostgres server = TestPostgres.shared();
      pool = server.pool(server.host(), server.port(), KitPostgres.TIMEOUT);
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
  protected SnapshotStore createStore(KitStoreConfig config) {
    return PostgresSnapshotStore.create(pool(), config.applyTo(PostgresSnapshotStoreOptions.builder())
        .schema(schema)
        .build());
  }

  @Override
  protected KitCapabilities capabilities() {
    return KitCapabilities.builder("PostgreSQL").build();
  }
}

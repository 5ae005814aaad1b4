package dev.snapshotstore.postgres;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;

/** The opt-in soak (-Psoak) on a real PostgreSQL. */
class PostgresSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void openPool() {
    TestPostgres server = TestPostgres.shared();
    pool = server.pool(server.host(), server.port(), PostgresSnapshotStoreCompatibilityTest.TIMEOUT);
    schema = server.newSchema(pool, "soak");
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema).retention(retention).build());
  }
}

package dev.snapshotstore.postgres;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.TypedViewKit;

/** zstd-compressed state through the typed view, stored in and read back from a real PostgreSQL. */
class PostgresTypedViewTest extends TypedViewKit {

  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void openPool() {
    TestPostgres server = TestPostgres.shared();
    pool = server.pool(server.host(), server.port(), PostgresSnapshotStoreCompatibilityTest.TIMEOUT);
    schema = server.newSchema(pool, "typed");
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected SnapshotStore createStore() {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema).build());
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}

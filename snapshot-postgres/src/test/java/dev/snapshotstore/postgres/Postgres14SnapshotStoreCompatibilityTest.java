package dev.snapshotstore.postgres;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;

/**
 * The whole kit again on PostgreSQL 14, the oldest major the store is verified on. It owns its server, whatever
 * {@code SNAPSHOT_TEST_POSTGRES_URL} says: the point is the version.
 */
class Postgres14SnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static TcpProxy proxy;
  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void startProxy() {
    TestPostgres server = TestPostgres.legacy();
    proxy = TcpProxy.start(server.host(), server.port(), PostgresSnapshotStoreCompatibilityTest.FAILURE_BOUND);
    pool = server.pool(proxy.host(), proxy.port(), PostgresSnapshotStoreCompatibilityTest.TIMEOUT);
    schema = server.newSchema(pool, "kit14");
  }

  @AfterAll
  static void stopProxy() {
    pool.close();
    proxy.close();
  }

  @Test
  void theServerIsPostgresql14() {
    int major = Jdbi.create(pool).withHandle(h -> h.createQuery("SHOW server_version_num").mapTo(Integer.class).one());
    assertThat(major / 10_000).isEqualTo(14);
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return PostgresSnapshotStoreCompatibilityTest.kitStore(pool, schema, config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return PostgresSnapshotStoreCompatibilityTest.kitCapabilities(proxy);
  }
}

package dev.snapshotstore.postgres;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.SnapshotStoreFaultKit;
import dev.snapshotstore.tck.TcpProxy;

/** The fault kit (slow link, half-open connection, resets mid-save) between the store and a real PostgreSQL. */
class PostgresSnapshotStoreFaultTest extends SnapshotStoreFaultKit {

  /**
   * Connect and pool wait 1 s, socket reads 4 s. A save stuck on a dead link waits out its statement and
   * then its rollback, so the worst case is about 1 + 4 + 4 s, inside the 15 s bound.
   */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static TcpProxy proxy;
  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void startProxy() {
    TestPostgres server = TestPostgres.shared();
    proxy = TcpProxy.start(server.host(), server.port(), PostgresSnapshotStoreCompatibilityTest.FAILURE_BOUND);
    pool = server.pool(proxy.host(), proxy.port(), TIMEOUT);
    schema = server.newSchema(pool, "fault");
  }

  @AfterAll
  static void stopProxy() {
    pool.close();
    proxy.close();
  }

  @Override
  protected TcpProxy proxy() {
    return proxy;
  }

  @Override
  protected SnapshotStore createStore() {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema)
        .retention(Retention.unlimited())
        .queryTimeout(Duration.ofSeconds(5))
        .build());
  }

  @Override
  protected String backendName() {
    return "PostgreSQL";
  }

  @Override
  protected Duration failureBound() {
    return PostgresSnapshotStoreCompatibilityTest.FAILURE_BOUND;
  }
}

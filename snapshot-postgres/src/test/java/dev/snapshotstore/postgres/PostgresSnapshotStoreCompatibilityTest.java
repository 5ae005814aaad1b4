package dev.snapshotstore.postgres;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;

/** The whole kit on PostgreSQL 17 (or the server the environment names), through a proxy that rule R13 cuts. */
class PostgresSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  /** Pool wait and connect timeout; a socket read may take 3 s more, then the bound leaves room for a slow machine. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final Duration FAILURE_BOUND = Duration.ofSeconds(15);

  private static TcpProxy proxy;
  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void startProxy() {
    TestPostgres server = TestPostgres.shared();
    proxy = TcpProxy.start(server.host(), server.port(), FAILURE_BOUND);
    pool = server.pool(proxy.host(), proxy.port(), TIMEOUT);
    schema = server.newSchema(pool, "kit");
  }

  @AfterAll
  static void stopProxy() {
    pool.close();
    proxy.close();
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return kitStore(pool, schema, config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return kitCapabilities(proxy);
  }

  /** The store every PostgreSQL kit run opens, whichever server version it runs on. */
  static SnapshotStore kitStore(HikariDataSource pool, String schema, KitStoreConfig config) {
    return PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder()
        .schema(schema)
        .retention(config.retention())
        .maxPayloadBytes(config.maxPayloadBytes())
        .queryTimeout(Duration.ofSeconds(5))
        .build());
  }

  static KitCapabilities kitCapabilities(TcpProxy proxy) {
    return KitCapabilities.builder("PostgreSQL")
        .maxKeyLength(PostgresSnapshotStore.MAX_KEY_LENGTH)
        .outage(proxy)
        .build();
  }
}

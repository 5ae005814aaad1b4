package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.tck.ResourceHygiene;

/** A store gives back every connection and thread it took. */
class PostgresResourceHygieneTest {

  private static TestPostgres server;
  private static HikariDataSource callers;
  private static String schema;

  @BeforeAll
  static void start() {
    server = TestPostgres.shared();
    callers = server.pool();
    schema = server.newSchema(callers, "hygiene");
  }

  @AfterAll
  static void stop() {
    callers.close();
  }

  @Test
  void aStoreOpenedByUriLeavesNoThreadBehindAfterClose() throws Exception {
    ResourceHygiene.assertNoLeakedThreads(() -> SnapshotStores.discover()
        .open(server.jdbcUrlWithCredentials() + "&schema=" + schema));
  }

  @Test
  void aStoreOnACallersPoolStopsItsTimeoutWatchdogOnClose() throws Exception {
    ResourceHygiene.assertNoLeakedThreads(() -> PostgresSnapshotStore.create(callers,
        PostgresSnapshotStoreOptions.builder().schema(schema).build()));
  }

  @Test
  void aCallersPoolHasNoActiveConnectionAfterWorkAndStaysOpenAfterClose() throws Exception {
    try (HikariDataSource pool = server.pool()) {
      SnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema).build());
      ResourceHygiene.drive(store);
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
      store.close();
      assertThat(pool.isClosed()).isFalse();
    }
  }
}

package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.tck.ResourceHygiene;

/** A store gives back every connection and thread it took. */
class PostgresResourceHygieneTest {

  private final TestPostgres server = TestPostgres.shared();

  @Test
  void aStoreOpenedByUriLeavesNoThreadBehindAfterClose() throws Exception {
    HikariDataSource setup = server.pool();
    String schema = server.newSchema(setup, "hygiene");
    setup.close();
    String password = server.password().isEmpty() ? "" : "&password=" + server.password();
    ResourceHygiene.assertNoLeakedThreads(() -> SnapshotStores.discover()
        .open(server.jdbcUrl() + "?user=" + server.user() + password + "&schema=" + schema));
  }

  @Test
  void aCallersPoolHasNoActiveConnectionAfterWorkAndStaysOpenAfterClose() throws Exception {
    try (HikariDataSource pool = server.pool()) {
      String schema = server.newSchema(pool, "hygiene");
      SnapshotStore store = PostgresSnapshotStore.create(pool, PostgresSnapshotStoreOptions.builder().schema(schema).build());
      ResourceHygiene.drive(store);
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
      store.close();
      assertThat(pool.isClosed()).isFalse();
    }
  }
}

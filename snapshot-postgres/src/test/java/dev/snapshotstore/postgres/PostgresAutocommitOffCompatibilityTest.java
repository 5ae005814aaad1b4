package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/**
 * The whole kit again on a caller's pool whose connections come with autocommit off (HikariCP
 * {@code auto-commit=false}, as Spring Boot apps often configure it): the store must commit its own writes and end
 * the transactions its reads begin, so every rule holds exactly as with autocommit on.
 */
class PostgresAutocommitOffCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.shared(), "kit_manual", false);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void thePoolHandsOutConnectionsWithAutocommitOff() throws SQLException {
    try (Connection connection = postgres.pool().getConnection()) {
      assertThat(connection.getAutoCommit()).isFalse();
    }
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return postgres.store(config);
  }

  @Override
  protected KitCapabilities capabilities() {
    return postgres.capabilities();
  }
}

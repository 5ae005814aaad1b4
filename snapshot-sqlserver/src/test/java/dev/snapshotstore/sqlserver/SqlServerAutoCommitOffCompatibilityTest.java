package dev.snapshotstore.sqlserver;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * The whole compatibility kit on a caller's pool whose connections come with autocommit off, as Spring Boot and
 * Hibernate set HikariCP up ({@code spring.datasource.hikari.auto-commit=false}): every write must still be
 * committed, by the store. Skipped test by test, with the reason, when no server can be reached.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerAutoCommitOffCompatibilityTest extends SnapshotStoreCompatibilityKit {

  /** The application's pool: one for the class, never closed by a store. */
  private static @Nullable HikariDataSource pool;

  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      pool = SqlServerKits.autoCommitOffPool("autocommit-off-kit");
    }
    return pool;
  }

  @AfterAll
  static synchronized void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.create(pool(), config.applyTo(SqlServerSnapshotStoreOptions.builder())
        .table("kit_autocommit_off_snapshots")
        .operationTimeout(Duration.ofSeconds(10))
        .build());
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }
}

package dev.snapshotstore.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/**
 * The whole kit on PostgreSQL 17 (or the server the environment names), on a caller's pool whose connections come
 * with autocommit on, through a proxy that rules R13 and R14 cut.
 */
class PostgresSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.shared(), "kit", true);
  }

  @AfterAll
  static void stop() {
    postgres.close();
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

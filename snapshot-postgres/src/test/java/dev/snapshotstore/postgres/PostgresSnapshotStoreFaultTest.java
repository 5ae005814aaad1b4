package dev.snapshotstore.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreFaultKit;

/**
 * The fault kit (slow link, half-open connection, resets mid-save) between the store and a real PostgreSQL. A save
 * stuck on a dead link waits out its socket read (TIMEOUT + 3 s) and then its rollback, well inside the bound.
 */
class PostgresSnapshotStoreFaultTest extends SnapshotStoreFaultKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.shared(), "fault", true);
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

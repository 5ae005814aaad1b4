package dev.snapshotstore.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;

/** The opt-in soak (-Psoak) on a real PostgreSQL. */
class PostgresSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.shared(), "soak", true);
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

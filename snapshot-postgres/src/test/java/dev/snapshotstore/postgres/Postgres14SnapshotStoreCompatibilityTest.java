package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;

/**
 * The whole kit again on PostgreSQL 14, the oldest major the store is verified on. It owns its server, whatever
 * {@code SNAPSHOT_TEST_POSTGRES_URL} says: the point is the version.
 */
class Postgres14SnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.legacy(), "kit14", true);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void theServerIsPostgresql14() {
    int version = Jdbi.create(postgres.pool())
        .withHandle(h -> h.createQuery("SHOW server_version_num").mapTo(Integer.class).one());
    assertThat(version / 10_000).isEqualTo(14);
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

package dev.snapshotstore.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TypedViewKit;

/** zstd-compressed state through the typed view, stored in and read back from a real PostgreSQL. */
class PostgresTypedViewTest extends TypedViewKit {

  private static KitPostgres postgres;

  @BeforeAll
  static void start() {
    postgres = KitPostgres.start(TestPostgres.shared(), "typed", true);
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

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}

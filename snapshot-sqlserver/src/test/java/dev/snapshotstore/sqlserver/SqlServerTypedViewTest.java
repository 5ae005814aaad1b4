package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TypedViewKit;
import dev.snapshotstore.testservers.RequiresSqlServer;

/** zstd-compressed state through the typed view on a real SQL Server; skipped with its reason without one. */
@ExtendWith(RequiresSqlServer.class)
class SqlServerTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.open(SqlServerKits.uri(config, "typed_view_snapshots"));
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}

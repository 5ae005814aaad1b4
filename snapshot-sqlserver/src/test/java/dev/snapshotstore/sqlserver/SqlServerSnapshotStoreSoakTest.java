package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;
import dev.snapshotstore.testservers.RequiresSqlServer;

/** The opt-in soak (-Psoak) on a real SQL Server; skipped with its reason without one. */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.open(SqlServerKits.uri(config, "soak_snapshots"));
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }
}

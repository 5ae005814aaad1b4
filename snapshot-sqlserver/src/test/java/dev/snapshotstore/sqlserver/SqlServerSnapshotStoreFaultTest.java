package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreFaultKit;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * Slow links, half-open connections and resets between the store and a real SQL Server, through the kits'
 * proxy; skipped with its reason without a server.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreFaultTest extends SnapshotStoreFaultKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.open(SqlServerKits.uri(config, "fault_snapshots"));
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }
}

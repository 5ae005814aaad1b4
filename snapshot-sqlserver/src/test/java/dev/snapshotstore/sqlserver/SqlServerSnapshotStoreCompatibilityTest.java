package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * The whole compatibility kit against a real SQL Server, opened by URI (the store's own pool, connections in
 * autocommit) through a loopback proxy so that rules 13 and 14 can cut it off. Skipped test by test, with the
 * reason, when no server can be reached.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.open(SqlServerKits.uri(config, "kit_snapshots"));
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }
}

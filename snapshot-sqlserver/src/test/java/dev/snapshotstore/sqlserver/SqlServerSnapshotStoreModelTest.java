package dev.snapshotstore.sqlserver;

import net.jqwik.api.lifecycle.AddLifecycleHook;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;
import dev.snapshotstore.testservers.RequiresSqlServerForProperties;

/** Generated operation sequences on a real SQL Server must match the reference store; skipped without one. */
@AddLifecycleHook(RequiresSqlServerForProperties.class)
class SqlServerSnapshotStoreModelTest extends SnapshotStoreModelKit {

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    return SqlServerSnapshotStore.open(SqlServerKits.uri(config, "model_snapshots"));
  }

  @Override
  protected KitCapabilities capabilities() {
    return SqlServerKits.capabilities();
  }
}

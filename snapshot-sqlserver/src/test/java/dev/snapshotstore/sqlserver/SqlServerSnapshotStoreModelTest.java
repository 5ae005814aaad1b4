package dev.snapshotstore.sqlserver;

import net.jqwik.api.lifecycle.AddLifecycleHook;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.model.SnapshotStoreModelKit;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.testservers.RequiresSqlServerForProperties;

/** Generated operation sequences on a real SQL Server must match the reference store; skipped without one. */
@AddLifecycleHook(RequiresSqlServerForProperties.class)
class SqlServerSnapshotStoreModelTest extends SnapshotStoreModelKit {

  @Override
  protected SnapshotStore createStore(Retention retention) {
    String keep = retention.isUnlimited() ? "unlimited" : Integer.toString(retention.keep());
    return new SqlServerSnapshotStoreProvider().open(SqlServerTestServer.jdbcUrl()
        + "?table=model_snapshots&poolSize=2&retention=" + keep);
  }
}

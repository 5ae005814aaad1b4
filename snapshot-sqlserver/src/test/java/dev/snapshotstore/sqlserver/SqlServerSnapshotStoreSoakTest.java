package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.tck.SnapshotStoreSoakKit;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.testservers.RequiresSqlServer;

/** The opt-in soak (-Psoak) on a real SQL Server; skipped with its reason without one. */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreSoakTest extends SnapshotStoreSoakKit {

  @Override
  protected SnapshotStore createStore(Retention retention) {
    return new SqlServerSnapshotStoreProvider().open(SqlServerTestServer.jdbcUrl()
        + "?table=soak_snapshots&poolSize=10&retention=" + (retention.isUnlimited() ? "unlimited" : Integer.toString(retention.keep())));
  }
}

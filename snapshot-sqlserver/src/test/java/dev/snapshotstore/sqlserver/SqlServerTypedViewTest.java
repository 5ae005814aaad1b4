package dev.snapshotstore.sqlserver;

import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.spi.PayloadCodec;
import dev.snapshotstore.compression.ZstdCodec;
import dev.snapshotstore.tck.TypedViewKit;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.testservers.RequiresSqlServer;

/** zstd-compressed state through the typed view on a real SQL Server; skipped with its reason without one. */
@ExtendWith(RequiresSqlServer.class)
class SqlServerTypedViewTest extends TypedViewKit {

  @Override
  protected SnapshotStore createStore() {
    return new SqlServerSnapshotStoreProvider().open(SqlServerTestServer.jdbcUrl() + "?table=typed_view_snapshots");
  }

  @Override
  protected PayloadCodec codec() {
    return ZstdCodec.create();
  }
}

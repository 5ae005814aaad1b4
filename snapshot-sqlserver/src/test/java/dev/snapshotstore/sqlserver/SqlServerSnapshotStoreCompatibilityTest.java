package dev.snapshotstore.sqlserver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.internal.StoreGuard;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.SnapshotStoreCompatibilityKit;
import dev.snapshotstore.tck.TcpProxy;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.testservers.RequiresSqlServer;

/**
 * The whole compatibility kit against a real SQL Server ({@link SqlServerTestServer}), opened by URI through
 * a loopback proxy so that rule 13 can cut it off. Skipped test by test when no server can be reached.
 */
@ExtendWith(RequiresSqlServer.class)
class SqlServerSnapshotStoreCompatibilityTest extends SnapshotStoreCompatibilityKit {

  private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:sqlserver://([^;:\\\\/]+)(?::(\\d+))?(;.*)?$");
  private static final Duration FAILURE_BOUND = Duration.ofSeconds(25);

  private static @Nullable TcpProxy proxy;
  private static @Nullable String storeUrl;

  @Override
  protected SnapshotStore createStore(KitStoreConfig config) {
    String retention = config.retention().isUnlimited() ? "unlimited" : Integer.toString(config.retention().keep());
    return new SqlServerSnapshotStoreProvider().open(url() + "?table=kit_snapshots&retention=" + retention
        + "&maxPayloadBytes=" + config.maxPayloadBytes() + "&queryTimeout=10&connectTimeout=5&poolSize=8");
  }

  @Override
  protected KitCapabilities capabilities() {
    KitCapabilities.Builder capabilities = KitCapabilities.builder("SQL Server")
        .maxKeyLength(SqlServerSnapshotStore.MAX_KEY_LENGTH)
        .maxPayloadBytes(StoreGuard.DEFAULT_MAX_PAYLOAD_BYTES);
    url();
    if (proxy != null) {
      capabilities.outage(proxy);
    }
    return capabilities.build();
  }

  /** The server's URL pointed at a proxy in front of it; a URL naming an instance instead of a port goes direct. */
  private static synchronized String url() {
    if (storeUrl == null) {
      String direct = SqlServerTestServer.jdbcUrl();
      Matcher matcher = HOST_AND_PORT.matcher(direct);
      if (matcher.matches()) {
        int port = matcher.group(2) == null ? 1433 : Integer.parseInt(matcher.group(2));
        TcpProxy started = TcpProxy.start(matcher.group(1), port, FAILURE_BOUND);
        proxy = started;
        storeUrl = "jdbc:sqlserver://" + started.host() + ":" + started.port()
            + (matcher.group(3) == null ? "" : matcher.group(3));
      } else {
        storeUrl = direct;
      }
    }
    return storeUrl;
  }
}

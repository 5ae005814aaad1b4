package dev.snapshotstore.sqlserver;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.tck.KitCapabilities;
import dev.snapshotstore.tck.KitStoreConfig;
import dev.snapshotstore.tck.TcpProxy;
import dev.snapshotstore.testservers.SqlServerTestServer;

/**
 * The one setup every kit runs SQL Server with: the test server ({@link SqlServerTestServer}) behind a loopback
 * {@link TcpProxy}, so that the kits can cut, slow and reset its connections, and the timeouts those kits bound.
 */
final class SqlServerKits {

  /** How long a call may take to fail while the proxy cuts or blackholes the server: see {@link #OPTIONS}. */
  static final Duration FAILURE_BOUND = Duration.ofSeconds(25);

  /**
   * The store options the kits open stores with: a blackholed statement fails at the driver's socket timeout,
   * operationTimeout + 5 s = 15 s; a cut pool waits connectTimeout (5 s) for a connection. Both under
   * {@link #FAILURE_BOUND}.
   */
  static final String OPTIONS = "operationTimeout=10s&connectTimeout=5s&poolSize=8";

  private static final Pattern HOST_AND_PORT = Pattern.compile("^jdbc:sqlserver://([^;:\\\\/]+)(?::(\\d+))?(;.*)?$");

  private static @Nullable TcpProxy proxy;
  private static @Nullable String proxiedUrl;

  private SqlServerKits() {}

  /** A store URI on the proxied server: the kit's retention and limits, in {@code table}. */
  static String uri(KitStoreConfig config, String table) {
    return url() + "?table=" + table + "&retention=" + retention(config.retention()) + "&maxPayloadBytes="
        + config.maxPayloadBytes() + "&maxMetadataBytes=" + config.maxMetadataBytes() + "&" + OPTIONS;
  }

  static String retention(Retention retention) {
    return retention.isUnlimited() ? "unlimited" : Integer.toString(retention.keep());
  }

  /** A pool the way Spring Boot sets one up for JPA: HikariCP with autocommit off, on the proxied server. */
  static HikariDataSource autoCommitOffPool(String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url());
    config.setAutoCommit(false);
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(5_000);
    config.addDataSourceProperty("socketTimeout", "15000");
    return new HikariDataSource(config);
  }

  /** SQL Server's capabilities, with the proxy as outage and network faults where the URL names a port. */
  static KitCapabilities capabilities() {
    KitCapabilities.Builder capabilities = KitCapabilities.builder("SQL Server")
        .maxKeyLength(SqlServerSnapshotStore.MAX_KEY_LENGTH)
        .maxPayloadBytes(StoreLimits.DEFAULT_MAX_PAYLOAD_BYTES);
    url();
    if (proxy != null) {
      capabilities.networkFaults(proxy);
    }
    return capabilities.build();
  }

  /** The server's URL pointed at a proxy in front of it; a URL naming an instance instead of a port goes direct. */
  static synchronized String url() {
    if (proxiedUrl == null) {
      String direct = SqlServerTestServer.jdbcUrl();
      Matcher matcher = HOST_AND_PORT.matcher(direct);
      if (matcher.matches()) {
        int port = matcher.group(2) == null ? 1433 : Integer.parseInt(matcher.group(2));
        TcpProxy started = TcpProxy.start(matcher.group(1), port, FAILURE_BOUND);
        proxy = started;
        proxiedUrl = "jdbc:sqlserver://" + started.host() + ":" + started.port()
            + (matcher.group(3) == null ? "" : matcher.group(3));
      } else {
        proxiedUrl = direct;
      }
    }
    return proxiedUrl;
  }
}

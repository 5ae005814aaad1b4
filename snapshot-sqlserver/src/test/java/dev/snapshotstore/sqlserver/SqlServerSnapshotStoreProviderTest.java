package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.spi.RetryPolicy;

/** URI handling, and opening against a host where nothing listens: no SQL Server needed. */
class SqlServerSnapshotStoreProviderTest {

  private static final String SERVER = "jdbc:sqlserver://db.example:1433;databaseName=app;user=app;"
      + "password={s3cr?t!};encrypt=true";

  @Test
  void everyOptionIsReadAndStrippedBeforeTheDriverSeesTheUrl() {
    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(SERVER
        + "?retention=10&maxPayloadBytes=1MiB&maxMetadataBytes=8KiB&schema=app&table=order_snapshots"
        + "&createSchema=false&operationTimeout=7s&connectTimeout=4s&poolSize=3&retries=4&retryBackoff=100ms");
    assertThat(settings.url().urlWithoutSecrets())
        .isEqualTo("jdbc:sqlserver://db.example:1433;databaseName=app;user=app;encrypt=true");
    SqlServerSnapshotStoreOptions options = settings.options();
    assertThat(options.retention()).isEqualTo(Retention.keepLast(10));
    assertThat(options.maxPayloadBytes()).isEqualTo(1024 * 1024);
    assertThat(options.maxMetadataBytes()).isEqualTo(8 * 1024);
    assertThat(options.qualifiedTable()).isEqualTo("[app].[order_snapshots]");
    assertThat(options.createSchema()).isFalse();
    assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(options.poolSize()).isEqualTo(3);
    assertThat(options.retryPolicy()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(100)));

    HikariConfig pool = settings.hikari();
    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
    assertThat(pool.getConnectionTimeout()).isEqualTo(4_000);
    assertThat(pool.getJdbcUrl()).as("the pool draws from UrlDataSource, never from a URL it would log").isNull();
    assertThat(pool.getDataSource().toString()).doesNotContain("s3cr");
    assertThat(settings.dataSource().properties()).containsEntry("password", "s3cr?t!")
        .containsEntry("loginTimeout", "4").containsEntry("socketTimeout", "12000")
        .containsEntry("connectRetryCount", "0");
  }

  @Test
  void withoutOptionsEverythingIsDefaultAndTheDriverKeepsItsOwnTimeouts() {
    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(
        "jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;ConnectRetryCount=2");
    assertThat(settings.url().urlWithoutSecrets())
        .isEqualTo("jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;ConnectRetryCount=2");
    assertThat(settings.options().toString()).isEqualTo(SqlServerSnapshotStoreOptions.defaults().toString());
    assertThat(settings.dataSource().properties()).isEmpty();
  }

  @Test
  void renamedOptionsAreUnknownAndTheErrorListsTheirNewNames() {
    for (String old : new String[] {"queryTimeout=30", "deadlockRetries=5"}) {
      assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?" + old))
          .isInstanceOf(SnapshotConfigurationException.class)
          .hasMessageContaining("unknown option(s) [" + old.substring(0, old.indexOf('=')) + "]")
          .hasMessageContaining("operationTimeout").hasMessageContaining("retries");
    }
  }

  @Test
  void anUnknownOptionFailsBeforeAnythingConnects() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> SqlServerSnapshotStore.open(SERVER + "?retention=3&tabel=snapshots"))
            .isInstanceOf(SnapshotConfigurationException.class)
            .hasMessageContaining("unknown option(s) [tabel]"));
  }

  @Test
  void badOptionValuesAreConfigurationErrorsNamingTheOption() {
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?table=x%5D%3BDROP"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("table must match");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?poolSize=0"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?operationTimeout=30"))
        .as("a bare number has no unit").isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("operationTimeout");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?retention=-2"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retention");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?createSchema=maybe"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("createSchema");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse("jdbc:postgresql://db/app"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("jdbc:sqlserver://");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uri");
  }

  @Test
  void isDiscoveredByItsSchemeAndItsId() {
    SnapshotStores discovered = SnapshotStores.discover();
    assertThat(discovered.forUri("jdbc:sqlserver://db:1433;user=sa")).get()
        .isInstanceOf(SqlServerSnapshotStoreProvider.class);
    assertThat(discovered.get("sqlserver")).isInstanceOf(SqlServerSnapshotStoreProvider.class);
    assertThat(new SqlServerSnapshotStoreProvider().schemes()).containsExactly("jdbc:sqlserver");
  }

  @Test
  void anUnreachableServerFailsFastAsBackendUnavailableNamingSqlServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String uri = "jdbc:sqlserver://127.0.0.1:" + port + ";user=sa;password=never-shown;encrypt=false"
        + "?connectTimeout=2s";
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> SnapshotStores.of(new SqlServerSnapshotStoreProvider()).open(uri))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageStartingWith("SQL Server unavailable: connecting to jdbc:sqlserver://127.0.0.1:" + port
                + ";user=sa;password=***;encrypt=false failed: ")
            .satisfies(e -> assertThat(((BackendUnavailableException) e).backend()).isEqualTo("SQL Server"))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("never-shown")));
    System.out.printf("unreachable SQL Server reported after %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }
}

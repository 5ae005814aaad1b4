package dev.snapshotstore.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.BackendUnavailableException;
import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStores;

/** URI handling, and opening against a host where nothing listens: no SQL Server needed. */
class SqlServerSnapshotStoreProviderTest {

  private static final String SERVER = "jdbc:sqlserver://db.example:1433;databaseName=app;user=app;password=s3cr?t!;encrypt=false";

  @Test
  void optionsAreStrippedBeforeTheDriverSeesTheUrl() {
    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(
        "jdbc:sqlserver://db.example:1433;databaseName=app;user=app;password={pa?ss};encrypt=false"
            + "?retention=10&maxPayloadBytes=1024&schema=app&table=order_snapshots&createSchema=false"
            + "&queryTimeout=7&deadlockRetries=2&poolSize=3&connectTimeout=4");
    assertThat(settings.driverUrl())
        .isEqualTo("jdbc:sqlserver://db.example:1433;databaseName=app;user=app;password={pa?ss};encrypt=false");
    SqlServerSnapshotStoreOptions options = settings.options();
    assertThat(options.retention()).isEqualTo(Retention.keepLast(10));
    assertThat(options.maxPayloadBytes()).isEqualTo(1024);
    assertThat(options.qualifiedTable()).isEqualTo("[app].[order_snapshots]");
    assertThat(options.createSchema()).isFalse();
    assertThat(options.queryTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.deadlockRetries()).isEqualTo(2);
    assertThat(settings.poolSize()).isEqualTo(3);
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.hikari().getDataSourceProperties()).containsEntry("loginTimeout", "4")
        .containsEntry("socketTimeout", "12000").containsEntry("connectRetryCount", "0");
  }

  @Test
  void withoutOptionsEverythingIsDefaultAndTheDriverKeepsItsOwnTimeouts() {
    SqlServerSnapshotStoreProvider.Settings settings =
        SqlServerSnapshotStoreProvider.parse("jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;ConnectRetryCount=2");
    assertThat(settings.driverUrl()).isEqualTo("jdbc:sqlserver://db;loginTimeout=3;socketTimeout=1000;ConnectRetryCount=2");
    assertThat(settings.options().qualifiedTable()).isEqualTo("[dbo].[snapshots]");
    assertThat(settings.options().retention()).isEqualTo(Retention.DEFAULT);
    assertThat(settings.hikari().getDataSourceProperties()).isEmpty();
  }

  @Test
  void thePasswordNeverShowsInToStringOrMessages() {
    SqlServerSnapshotStoreProvider.Settings settings = SqlServerSnapshotStoreProvider.parse(SERVER + "?table=t");
    assertThat(settings.toString()).doesNotContain("s3cr?t!").contains("password=***");
    assertThat(settings.redactedUrl()).isEqualTo("jdbc:sqlserver://db.example:1433;databaseName=app;user=app;password=***;encrypt=false");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?tabel=t"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr"));
  }

  @Test
  void anUnknownOptionFailsBeforeAnythingConnects() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> new SqlServerSnapshotStoreProvider().open(SERVER + "?retention=3&tabel=snapshots"))
            .isInstanceOf(SnapshotConfigurationException.class)
            .hasMessageContaining("unknown option(s) [tabel]"));
  }

  @Test
  void badOptionValuesAreConfigurationErrorsNamingTheOption() {
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?table=x%5D%3BDROP"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageStartingWith("option table: table must match");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?poolSize=0"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?queryTimeout=soon"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("queryTimeout");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse(SERVER + "?retention=-2"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("retention");
    assertThatThrownBy(() -> SqlServerSnapshotStoreProvider.parse("jdbc:postgresql://db/app"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("jdbc:sqlserver:");
  }

  @Test
  void isDiscoveredForJdbcSqlServerUris() {
    SnapshotStores discovered = SnapshotStores.discover();
    assertThat(discovered.providerFor("jdbc:sqlserver://db:1433;user=sa")).get()
        .isInstanceOf(SqlServerSnapshotStoreProvider.class);
    assertThat(discovered.provider("sqlserver")).isInstanceOf(SqlServerSnapshotStoreProvider.class);
  }

  @Test
  void anUnreachableServerFailsFastAsBackendUnavailableNamingSqlServer() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String uri = "jdbc:sqlserver://127.0.0.1:" + port + ";user=sa;password=never-shown;encrypt=false"
        + "?connectTimeout=2";
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> SnapshotStores.of(new SqlServerSnapshotStoreProvider()).open(uri))
            .isInstanceOf(BackendUnavailableException.class)
            .hasMessageStartingWith("SQL Server unavailable: connecting to jdbc:sqlserver://127.0.0.1:" + port)
            .satisfies(e -> assertThat(((BackendUnavailableException) e).backend()).isEqualTo("SQL Server"))
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("never-shown")));
    System.out.printf("unreachable SQL Server reported after %d ms%n", (System.nanoTime() - start) / 1_000_000);
  }
}

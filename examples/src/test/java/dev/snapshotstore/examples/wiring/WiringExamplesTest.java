package dev.snapshotstore.examples.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.microsoft.sqlserver.jdbc.SQLServerDataSource;
import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.InMemorySnapshotStore;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.examples.embedded.EmbeddedServer;
import dev.snapshotstore.testservers.SqlServerTestServer;
import dev.snapshotstore.examples.embedded.EmbeddedServers;
import dev.snapshotstore.examples.embedded.TestServers;
import redis.clients.jedis.HostAndPort;

/** Each wiring example's core method against a real embedded server (or the in-memory store). */
class WiringExamplesTest {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  private String printed() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void postgresWithHikariKeepsTheRetainedVersionsAndLeavesThePoolOpen() {
    assertThat(PostgresWithHikari.run(TestServers.postgres().uri(), out)).containsExactly(50L, 40L, 30L);
    assertThat(printed())
        .contains("PostgreSQL keeps [50, 40, 30] in table public.order_snapshots")
        .contains("pool 'orders-app' still open after store.close(): true");
  }

  @Test
  void postgresPoolToCopyVerifiesTlsAndLeavesCommitsToTheStore() {
    HikariConfig pool = PostgresWithHikari.pool("jdbc:postgresql://db.example.com/app");

    assertThat(pool.getDataSourceProperties()).containsEntry("sslmode", "verify-full");
    assertThat(pool.isAutoCommit()).isFalse();
  }

  /** The embedded server has no certificate: without the URL's sslmode=disable, the example refuses to connect. */
  @Test
  void postgresWithHikariRefusesAServerWithoutTls() {
    String verifying = TestServers.postgres().uri().replace("&sslmode=disable", "");
    assertThat(verifying).doesNotContain("sslmode");

    assertThatThrownBy(() -> PostgresWithHikari.run(verifying, out))
        .hasStackTraceContaining("The server does not support SSL");
  }

  @Test
  void redisWithPooledClientWritesTwoKeysUnderItsPrefixAndLeavesTheClientOpen() {
    HostAndPort redis = HostAndPort.from(TestServers.redis().endpoints().get(0));

    assertThat(RedisWithPooledClient.run(redis, out))
        .isNotEmpty()
        .allSatisfy(key -> assertThat(key).startsWith("shop:"))
        .anySatisfy(key -> assertThat(key).startsWith("shop:{Cart:example-cart-7}:"));
    assertThat(printed()).contains("latest example-cart-7: version 8").contains("client still answers PING: PONG");
  }

  @Test
  void redisClusterSpreadsStreamsOverEveryMaster() {
    try (EmbeddedServer cluster = EmbeddedServers.redisCluster(3, new PrintStream(OutputStream.nullOutputStream()))) {
      Map<String, Long> keysPerNode = RedisClusterWiring.run(
          cluster.endpoints().stream().map(HostAndPort::from).collect(Collectors.toSet()), out);

      assertThat(keysPerNode).hasSize(3);
      assertThat(keysPerNode.values()).allSatisfy(keys -> assertThat(keys).isPositive());
      long keys = keysPerNode.values().stream().mapToLong(Long::longValue).sum();
      assertThat(keys).as("keys of the 30 streams").isPositive();
      assertThat(keys % 30).as("keys of 30 streams modulo 30: the same number of keys per stream").isZero();
      assertThat(printed()).contains("ExampleAccount streams across the cluster: 30, snapshots: 30");
    }
  }

  @Test
  void openByUriAndExplicitlyReachTheSameData() {
    OpenByUriVersusExplicit.Result result = OpenByUriVersusExplicit.run(TestServers.redis().endpoints().get(0), out);

    assertThat(result.discoveredProviders()).containsExactly("mem", "postgresql", "redis", "sqlserver");
    assertThat(result.unknownSchemeError())
        .contains("no snapshot store provider opens URIs with the scheme 'jdbc:postgresql'")
        .contains("add the dependency dev.snapshotstore:snapshot-postgres");
    assertThat(result.versionReadBack()).isEqualTo(2);
  }

  @Test
  void typedViewWithADictionaryShrinksSmallStatesAndNeedsTheDictionaryToRead() {
    try (SnapshotStore store = InMemorySnapshotStore.create()) {
      TypedViewWithZstd.Result result = TypedViewWithZstd.run(store, out);

      assertThat(result.storedCodecId()).isEqualTo("zstd:dict=orders-1");
      assertThat(result.readBackEqual()).isTrue();
      assertThat(result.dictionaryZstdBytes()).isLessThan(result.plainZstdBytes());
      assertThat(result.plainZstdBytes()).isLessThan(result.jsonBytes());
      assertThat(result.readWithoutDictionary())
          .contains("Order/example-order-3@7")
          .contains("zstd dictionary 'orders-1' is not registered");
    }
  }

  @Test
  void typedViewRunsOnARealRedisToo() {
    try (SnapshotStore store = SnapshotStores.discover().open(TestServers.redis().uri())) {
      assertThat(TypedViewWithZstd.run(store, out).readBackEqual()).isTrue();
    }
  }

  @Test
  void sqlServerWithoutAUrlSaysHowToRunItInOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = SqlServerWithDataSource.run(new String[0], out, new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("SqlServerWithDataSource needs a SQL Server: run it with -Dexec.args=\"jdbc:sqlserver://");
  }

  @Test
  void sqlServerDataSourceToCopyVerifiesTlsWhateverTheUrlSays() {
    SQLServerDataSource dataSource = SqlServerWithDataSource.verifyingDataSource(
        "jdbc:sqlserver://db.example.com:1433;databaseName=app;encrypt=false;trustServerCertificate=true");

    assertThat(dataSource.getEncrypt()).isEqualTo("true");
    assertThat(dataSource.getTrustServerCertificate()).isFalse();
  }

  /** Runs only where a SQL Server is given (none here): SNAPSHOT_TEST_SQLSERVER_URL, as the backend's tests use. */
  @Test
  void sqlServerWithADataSourceKeepsTheRetainedVersions() {
    Optional<String> url = SqlServerTestServer.configuredUrl();
    Assumptions.assumeTrue(url.isPresent(), SqlServerTestServer.URL_VARIABLE + " is not set: " + SqlServerTestServer.SKIP_REASON);
    SQLServerDataSource dataSource = new SQLServerDataSource();
    dataSource.setURL(url.get());

    Optional<Snapshot> latest = SqlServerWithDataSource.run(dataSource, out);

    assertThat(latest).map(Snapshot::version).contains(3L);
    assertThat(printed()).contains("keeps [3, 2]");
  }
}

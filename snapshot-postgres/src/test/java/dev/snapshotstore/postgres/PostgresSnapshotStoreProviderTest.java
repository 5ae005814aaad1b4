package dev.snapshotstore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.snapshotstore.api.Retention;
import dev.snapshotstore.api.Snapshot;
import dev.snapshotstore.api.SnapshotConfigurationException;
import dev.snapshotstore.api.SnapshotStore;
import dev.snapshotstore.api.SnapshotStores;
import dev.snapshotstore.api.StoreClosedException;
import dev.snapshotstore.api.StoreLimits;
import dev.snapshotstore.api.spi.RetryPolicy;
import dev.snapshotstore.tck.Await;

/** Opening stores by URI, on the server and in the database of {@code SNAPSHOT_TEST_POSTGRES_URL} when it is set. */
class PostgresSnapshotStoreProviderTest {

  private static final String PASSWORD = "s3cret-pa55word";

  private static TestPostgres server;
  private static HikariDataSource pool;
  private static String schema;

  @BeforeAll
  static void start() {
    server = TestPostgres.shared();
    pool = server.pool();
    schema = server.newSchema(pool, "provider");
  }

  @AfterAll
  static void close() {
    pool.close();
  }

  private static String credentials() {
    // The embedded server trusts local connections; a password still travels, so it must never be shown.
    return "user=" + encode(server.user()) + "&password="
        + encode(server.password().isEmpty() ? PASSWORD : server.password());
  }

  @Test
  void aJdbcUriOpensAWorkingStoreWithItsOptions() throws InterruptedException {
    String uri = server.jdbcUrl() + "?" + credentials() + "&retention=3&schema=" + schema
        + "&ApplicationName=snapshot-provider-test";
    SnapshotStore store = SnapshotStores.discover().open(uri);
    try {
      assertThat(store).isInstanceOf(PostgresSnapshotStore.class);
      PostgresSnapshotStoreOptions options = ((PostgresSnapshotStore) store).options();
      assertThat(options.retention()).isEqualTo(Retention.keepLast(3));
      assertThat(options.schema()).isEqualTo(schema);
      for (long v = 1; v <= 5; v++) {
        store.save(Snapshot.builder("Order", "a", v, new byte[] {(byte) v}).build());
      }
      assertThat(store.history("Order", "a")).extracting(Snapshot::version).containsExactly(5L, 4L, 3L);
      assertThat(connections("snapshot-provider-test")).as("driver parameter reached the driver").isPositive();
      assertThat(store.toString()).doesNotContain(PASSWORD).doesNotContain(server.password().isEmpty() ? PASSWORD : server.password());
      assertThat(options.toString()).doesNotContain(PASSWORD).contains(schema);
    } finally {
      store.close();
    }
    assertThat(connectionsAfterClose("snapshot-provider-test")).as("the store's own pool is closed with it").isZero();
  }

  @Test
  void aPostgresqlUriWithUserInfoOpensAStore() {
    String userInfo = encode(server.user()) + ":" + encode(server.password().isEmpty() ? PASSWORD : server.password());
    String uri = "postgresql://" + userInfo + "@" + server.host() + ":" + server.port() + "/" + encode(server.database())
        + "?schema=" + schema
        + "&table=by_uri&retention=unlimited&operationTimeout=3s&connectTimeout=1500ms&poolSize=2&retries=1"
        + "&retryBackoff=10ms&maxMetadataBytes=1KiB&maxPayloadBytes=1MiB";
    try (SnapshotStore store = SnapshotStores.discover().open(uri)) {
      PostgresSnapshotStoreOptions options = ((PostgresSnapshotStore) store).options();
      assertThat(options.table()).isEqualTo("by_uri");
      assertThat(options.operationTimeout()).isEqualTo(Duration.ofSeconds(3));
      assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(options.poolSize()).isEqualTo(2);
      assertThat(options.retryPolicy()).isEqualTo(new RetryPolicy(1, Duration.ofMillis(10)));
      assertThat(store.limits()).isEqualTo(new StoreLimits(Retention.unlimited(), 1024 * 1024, 1024,
          PostgresSnapshotStore.MAX_KEY_LENGTH));
      assertThat(store.backend()).isEqualTo("PostgreSQL");
      store.save(Snapshot.builder("Order", "b", 1, new byte[] {9}).build());
      assertThat(store.loadLatest("Order", "b")).isPresent();
      assertThat(store.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void anUnknownOptionFailsBeforeConnecting() {
    // Nothing listens on port 1: the failure must come from the option check, not from a connection attempt.
    assertThatThrownBy(() -> SnapshotStores.discover().open("jdbc:postgresql://127.0.0.1:1/db?retension=3&user=u"
        + "&password=" + PASSWORD))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("retension")
        .hasMessageContaining("retention")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    // Right after the password an unknown part may be the rest of a password with a raw '&': counted, not shown.
    assertThatThrownBy(() -> SnapshotStores.discover().open("jdbc:postgresql://127.0.0.1:1/db?user=u&password="
        + PASSWORD + "&retension=3"))
        .isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("%26")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD).doesNotContain("retension"));
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://127.0.0.1:1/db?table=bad-name"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("table");
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://u:" + PASSWORD + "@127.0.0.1:1/db?operationTimeout=soon"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("operationTimeout")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://u:" + PASSWORD + "@127.0.0.1:1/db?operationTimeout=5"))
        .as("a duration without a unit").isInstanceOf(SnapshotConfigurationException.class)
        .hasMessageContaining("operationTimeout");
  }

  @Test
  void renamedOptionsSayWhatTheyAreCalledNow() {
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://u:" + PASSWORD + "@127.0.0.1:1/db?queryTimeout=3s"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("queryTimeout")
        .hasMessageContaining("operationTimeout")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://127.0.0.1:1/db?connectionTimeout=3s"))
        .isInstanceOf(SnapshotConfigurationException.class).hasMessageContaining("connectTimeout");
  }

  @Test
  void anUnreachableServerFailsAsUnavailable() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> SnapshotStores.discover().open("postgres://u:" + PASSWORD
        + "@127.0.0.1:1/db?connectTimeout=1s"))
        .isInstanceOf(dev.snapshotstore.api.BackendUnavailableException.class)
        .hasMessageContaining("PostgreSQL")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aStoreOnTheCallersDataSourceLeavesItOpen() {
    try (HikariDataSource callers = server.pool()) {
      PostgresSnapshotStore store = PostgresSnapshotStore.create(callers,
          PostgresSnapshotStoreOptions.builder().schema(schema).build());
      store.save(Snapshot.builder("Order", "c", 1, new byte[0]).build());
      store.close();
      assertThat(callers.isClosed()).isFalse();
      int one = Jdbi.create(callers).withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
      assertThat(one).isEqualTo(1);
      assertThatThrownBy(() -> store.loadLatest("Order", "c")).isInstanceOf(StoreClosedException.class);
    }
  }

  @Test
  void theProviderAnswersToItsIdAndSchemes() {
    SnapshotStores stores = SnapshotStores.discover();
    assertThat(stores.get("postgresql")).isInstanceOf(PostgresSnapshotStoreProvider.class);
    assertThat(new PostgresSnapshotStoreProvider().schemes())
        .containsExactlyInAnyOrder("postgresql", "postgres", "jdbc:postgresql");
    assertThat(stores.forUri("postgres://h/db")).containsInstanceOf(PostgresSnapshotStoreProvider.class);
    assertThat(stores.forUri("postgresql://h/db")).containsInstanceOf(PostgresSnapshotStoreProvider.class);
    assertThat(stores.forUri("jdbc:postgresql://h/db")).containsInstanceOf(PostgresSnapshotStoreProvider.class);
    assertThat(stores.forUri("POSTGRESQL://h/db")).as("schemes are case-insensitive")
        .containsInstanceOf(PostgresSnapshotStoreProvider.class);
  }

  @Test
  void openOnTheStoreItselfTakesTheSameUris() {
    String uri = server.jdbcUrl() + "?" + credentials() + "&schema=" + schema + "&table=opened";
    try (PostgresSnapshotStore store = PostgresSnapshotStore.open(uri)) {
      store.save(Snapshot.builder("Order", "d", 1, new byte[] {4}).build());
      assertThat(store.loadLatest("Order", "d")).isPresent();
      assertThat(store.toString()).contains("own pool").doesNotContain(PASSWORD);
    }
  }

  private static long connections(String applicationName) {
    return Jdbi.create(pool).withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
        .bind("name", applicationName).mapTo(Long.class).one());
  }

  /** A backend may outlive its client's close by a few milliseconds. */
  private static long connectionsAfterClose(String applicationName) {
    return Await.until("the store's connections (application_name " + applicationName + ") to leave pg_stat_activity",
        Duration.ofSeconds(5), () -> connections(applicationName), count -> count == 0);
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}

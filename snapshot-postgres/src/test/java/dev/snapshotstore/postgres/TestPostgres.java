package dev.snapshotstore.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;

import dev.snapshotstore.testservers.LocalPostgres;
import dev.snapshotstore.testservers.PostgresTestServer;

/**
 * Pools and schemas on a test PostgreSQL. Which server it is (the URL in {@code SNAPSHOT_TEST_POSTGRES_URL},
 * else Docker, else an embedded PostgreSQL 17) is decided by {@link PostgresTestServer}, the one place for it.
 * Every test class takes a schema of its own inside the server's database, so a user that owns only that
 * database is enough.
 */
final class TestPostgres {

  private static TestPostgres shared;
  private static TestPostgres legacy;

  private final PostgresTestServer server;

  private TestPostgres(PostgresTestServer server) {
    this.server = server;
  }

  /** The server every test of this JVM shares. */
  static synchronized TestPostgres shared() {
    if (shared == null) {
      shared = new TestPostgres(PostgresTestServer.shared());
    }
    return shared;
  }

  /**
   * PostgreSQL 14, always started here: the binaries jar Maven copies into target/ (the property names it), since
   * two versions of one binaries artifact cannot share the test classpath.
   */
  static synchronized TestPostgres legacy() {
    if (legacy == null) {
      String jar = System.getProperty("snapshot.postgres14.binaries");
      if (jar == null || !Files.exists(Path.of(jar))) {
        throw new IllegalStateException("PostgreSQL 14 binaries jar not found (system property "
            + "snapshot.postgres14.binaries = " + jar + "); run the tests through Maven once to copy it");
      }
      PostgresTestServer server = PostgresTestServer.embedded(LocalPostgres.startFromJar("14", Path.of(jar)),
          "embedded PostgreSQL 14 (zonky binaries)");
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-postgres-14"));
      legacy = new TestPostgres(server);
    }
    return legacy;
  }

  String description() {
    return server.description();
  }

  String host() {
    return server.host();
  }

  int port() {
    return server.port();
  }

  String database() {
    return server.database();
  }

  String user() {
    return server.user();
  }

  String password() {
    return server.password();
  }

  String jdbcUrl() {
    return server.jdbcUrl();
  }

  String jdbcUrl(String targetHost, int targetPort) {
    return server.jdbcUrl(targetHost, targetPort);
  }

  /** {@link #jdbcUrl()} with user and password parameters. */
  String jdbcUrlWithCredentials() {
    return server.jdbcUrlWithCredentials();
  }

  /** A pool to this server, or to a proxy in front of it; timeouts small enough for outage tests. */
  HikariDataSource pool(String targetHost, int targetPort, Duration timeout) {
    return pool(targetHost, targetPort, timeout, true);
  }

  /** As {@link #pool(String, int, Duration)}, its connections handed out with autocommit on or off. */
  HikariDataSource pool(String targetHost, int targetPort, Duration timeout, boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setAutoCommit(autoCommit);
    config.setJdbcUrl(jdbcUrl(targetHost, targetPort));
    config.setUsername(user());
    config.setPassword(password());
    config.setMaximumPoolSize(12);
    config.setConnectionTimeout(timeout.toMillis());
    config.setValidationTimeout(Math.min(timeout.toMillis(), 1_000));
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
    config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds()) + 3));
    // The store's watchdog cancels a statement past operationTimeout; pgjdbc sends the cancel over a connection of
    // its own and the statement then waits for it. Over a half-open link that cancel hangs for cancelSignalTimeout
    // (10 s by default), which took a faulted call past the fault kit's 15 s bound whenever the watchdog fired
    // before the socket timeout (1 fresh-clone run in 24). Bounded as the README advises for callers' pools.
    config.addDataSourceProperty("cancelSignalTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
    return new HikariDataSource(config);
  }

  HikariDataSource pool() {
    return pool(host(), port(), Duration.ofSeconds(5));
  }

  HikariDataSource pool(boolean autoCommit) {
    return pool(host(), port(), Duration.ofSeconds(5), autoCommit);
  }

  /** A new, empty schema for one test class, inside the server's database. */
  String newSchema(DataSource dataSource, String prefix) {
    String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    Jdbi.create(dataSource).useHandle(handle -> handle.execute("CREATE SCHEMA \"" + schema + "\""));
    return schema;
  }
}

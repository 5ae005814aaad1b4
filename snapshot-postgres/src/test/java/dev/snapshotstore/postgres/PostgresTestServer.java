package dev.snapshotstore.postgres;

import dev.snapshotstore.testservers.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests run against, started once per JVM: the server named by
 * {@code SNAPSHOT_TEST_POSTGRES_URL} (a JDBC URL with user and password as parameters), else
 * {@code postgres:17} in Testcontainers when a Docker engine answers, else a real PostgreSQL 17 started from
 * the zonky binaries on the test classpath. Each test class takes its own schema.
 */
final class PostgresTestServer {

  static final String URL_VARIABLE = "SNAPSHOT_TEST_POSTGRES_URL";

  private static PostgresTestServer shared;
  private static PostgresTestServer legacy;

  private final String description;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  private PostgresTestServer(String description, String host, int port, String database, String user,
      String password) {
    this.description = description;
    this.host = host;
    this.port = port;
    this.database = database;
    this.user = user;
    this.password = password;
  }

  static synchronized PostgresTestServer shared() {
    if (shared == null) {
      shared = resolve();
    }
    return shared;
  }

  /**
   * PostgreSQL 14 from the binaries jar Maven copies into target/ (the property names it): two versions of
   * one binaries artifact cannot share the test classpath.
   */
  static synchronized PostgresTestServer legacy() {
    if (legacy == null) {
      String jar = System.getProperty("snapshot.postgres14.binaries");
      if (jar == null || !Files.exists(Path.of(jar))) {
        throw new IllegalStateException("PostgreSQL 14 binaries jar not found (system property "
            + "snapshot.postgres14.binaries = " + jar + "); run the tests through Maven once to copy it");
      }
      legacy = embedded(LocalPostgres.startFromJar("14", Path.of(jar)), "embedded PostgreSQL 14 (zonky binaries)");
    }
    return legacy;
  }

  private static PostgresTestServer resolve() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      PGSimpleDataSource parsed = new PGSimpleDataSource();
      parsed.setURL(url);
      return new PostgresTestServer("server from " + URL_VARIABLE, parsed.getServerNames()[0],
          parsed.getPortNumbers()[0] == 0 ? 5432 : parsed.getPortNumbers()[0], parsed.getDatabaseName(),
          parsed.getUser(), parsed.getPassword() == null ? "" : parsed.getPassword());
    }
    if (dockerAvailable()) {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new PostgresTestServer("Testcontainers postgres:17", container.getHost(),
          container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT), container.getDatabaseName(),
          container.getUsername(), container.getPassword());
    }
    return embedded(LocalPostgres.startFromClasspath("17"), "embedded PostgreSQL 17 (zonky binaries)");
  }

  private static PostgresTestServer embedded(LocalPostgres server, String description) {
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    return new PostgresTestServer(description, "127.0.0.1", server.port(), "postgres", "postgres", "");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  String description() {
    return description;
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  String jdbcUrl() {
    return jdbcUrl(host, port);
  }

  String jdbcUrl(String targetHost, int targetPort) {
    return "jdbc:postgresql://" + targetHost + ":" + targetPort + "/" + database;
  }

  /** A pool to this server, or to a proxy in front of it; timeouts small enough for outage tests. */
  HikariDataSource pool(String targetHost, int targetPort, Duration timeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(targetHost, targetPort));
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(12);
    config.setConnectionTimeout(timeout.toMillis());
    config.setValidationTimeout(Math.min(timeout.toMillis(), 1_000));
    config.setInitializationFailTimeout(-1);
    config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
    config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds()) + 3));
    return new HikariDataSource(config);
  }

  HikariDataSource pool() {
    return pool(host, port, Duration.ofSeconds(5));
  }

  HikariDataSource pool(boolean autoCommit) {
    HikariDataSource pool = pool(host, port, Duration.ofSeconds(5));
    return autoCommit ? pool : withoutAutoCommit(pool);
  }

  private HikariDataSource withoutAutoCommit(HikariDataSource started) {
    HikariConfig config = new HikariConfig();
    started.copyStateTo(config);
    started.close();
    config.setAutoCommit(false);
    return new HikariDataSource(config);
  }

  /** A new, empty schema for one test class. */
  String newSchema(DataSource dataSource, String prefix) {
    String schema = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    Jdbi.create(dataSource).useHandle(handle -> handle.execute("CREATE SCHEMA \"" + schema + "\""));
    return schema;
  }
}

package dev.snapshotstore.sqlserver;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The SQL Server the real-server tests run against: {@value #ENV} when set, otherwise a Testcontainers
 * SQL Server 2022 when a Docker engine is available (licence accepted in
 * {@code src/test/resources/container-license-acceptance.txt}), otherwise none.
 */
final class SqlServerTestServer {

  static final String ENV = "SNAPSHOT_TEST_SQLSERVER_URL";
  static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
  static final String SKIP_REASON = "No SQL Server reachable: set " + ENV
      + "=jdbc:sqlserver://host:1433;user=sa;password=...;encrypt=false or run with a Docker engine"
      + " (./mvnw -pl snapshot-sqlserver -am verify)";

  private static @Nullable Boolean dockerAvailable;
  private static @Nullable MSSQLServerContainer<?> container;

  private SqlServerTestServer() {}

  static Optional<String> configuredUrl() {
    String url = System.getenv(ENV);
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
  }

  static synchronized boolean reachable() {
    if (configuredUrl().isPresent()) {
      return true;
    }
    if (dockerAvailable == null) {
      boolean available;
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        available = false;
      }
      dockerAvailable = available;
    }
    return dockerAvailable;
  }

  /** The driver URL with credentials; starts the container on first use (Ryuk removes it after the run). */
  static synchronized String jdbcUrl() {
    Optional<String> configured = configuredUrl();
    if (configured.isPresent()) {
      return configured.get();
    }
    if (!reachable()) {
      throw new IllegalStateException(SKIP_REASON);
    }
    if (container == null) {
      MSSQLServerContainer<?> started = new MSSQLServerContainer<>(DockerImageName.parse(IMAGE));
      started.start();
      container = started;
    }
    return container.getJdbcUrl() + ";user=" + container.getUsername() + ";password=" + container.getPassword();
  }
}

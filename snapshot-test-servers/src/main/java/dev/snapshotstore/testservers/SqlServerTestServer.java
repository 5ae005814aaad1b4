package dev.snapshotstore.testservers;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

import dev.snapshotstore.testservers.internal.Docker;

/**
 * The SQL Server the real-server tests run against: {@value #URL_VARIABLE} when set, otherwise a Testcontainers
 * SQL Server 2022 when a Docker engine is available (the module that runs it accepts the licence in its
 * {@code src/test/resources/container-license-acceptance.txt}), otherwise none: SQL Server has no binary on Maven
 * Central, so its tests are skipped with {@link #SKIP_REASON} through {@link RequiresSqlServer}.
 */
public final class SqlServerTestServer {

  public static final String URL_VARIABLE = "SNAPSHOT_TEST_SQLSERVER_URL";
  public static final String IMAGE = "mcr.microsoft.com/mssql/server:2022-latest";
  /** Why a real-server test did not run, and how to run it. */
  public static final String SKIP_REASON = "No SQL Server reachable: set " + URL_VARIABLE
      + "=jdbc:sqlserver://host:1433;user=sa;password=...;encrypt=false or run with a Docker engine"
      + " (./mvnw -pl snapshot-sqlserver -am verify)";

  private static @Nullable MSSQLServerContainer<?> container;

  private SqlServerTestServer() {}

  /** The URL in {@value #URL_VARIABLE}, if set. */
  public static Optional<String> configuredUrl() {
    String url = System.getenv(URL_VARIABLE);
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
  }

  /** Whether a URL is set or a Docker engine answers. */
  public static boolean reachable() {
    return configuredUrl().isPresent() || Docker.available();
  }

  /** The driver URL with credentials; starts the container on first use (Ryuk removes it after the run). */
  public static synchronized String jdbcUrl() {
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

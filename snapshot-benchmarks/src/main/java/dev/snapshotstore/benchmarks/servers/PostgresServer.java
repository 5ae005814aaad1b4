package dev.snapshotstore.benchmarks.servers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.snapshotstore.testservers.PostgresTestServer;

/**
 * The PostgreSQL a benchmark trial runs against, chosen by the tests' own {@link PostgresTestServer}: the server in
 * {@value #URL_VARIABLE} (a JDBC URL, user and password as parameters) if set, else {@code postgres:17} in
 * Testcontainers when a Docker engine answers, else PostgreSQL 17 from the zonky binaries artifact with its
 * default settings (fsync and synchronous commit on), started for this trial ({@code initdb} runs once per
 * machine into a template and each trial starts on a copy; as root the server runs as {@code nobody}).
 */
public final class PostgresServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_POSTGRES_URL";

  private final PostgresTestServer server;

  private PostgresServer(PostgresTestServer server) {
    this.server = server;
  }

  public static PostgresServer start() {
    return new PostgresServer(PostgresTestServer.start(URL_VARIABLE));
  }

  /** A pool with a connection for each of 8 benchmark threads and spares; shared by our store and the baselines. */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(10);
    config.setPoolName("bench");
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    server.close();
  }
}

package dev.snapshotstore.benchmarks.servers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.jspecify.annotations.Nullable;

import dev.snapshotstore.testservers.LocalPostgres;

/**
 * The PostgreSQL a benchmark trial runs against: {@value #URL_VARIABLE} (a JDBC URL, user and password as
 * parameters) if set, else PostgreSQL 17 from the zonky binaries artifact with its default settings (fsync
 * and synchronous commit on). Started by the tests' own {@link LocalPostgres}:
 * {@code initdb} runs once per machine into a template and each trial starts on a copy; as root the server
 * runs as {@code nobody}, since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String URL_VARIABLE = "SNAPSHOT_BENCH_POSTGRES_URL";

  private final String jdbcUrl;
  private final @Nullable LocalPostgres local;

  private PostgresServer(String jdbcUrl, @Nullable LocalPostgres local) {
    this.jdbcUrl = jdbcUrl;
    this.local = local;
  }

  public static PostgresServer start() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return new PostgresServer(url.trim(), null);
    }
    LocalPostgres local = LocalPostgres.startFromClasspath("17");
    return new PostgresServer(local.jdbcUrl() + "?user=postgres", local);
  }

  /** A pool with a connection for each of 8 benchmark threads and spares; shared by our store and the baselines. */
  public HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(10);
    config.setMinimumIdle(10);
    config.setPoolName("bench");
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    if (local != null) {
      local.close();
    }
  }
}
